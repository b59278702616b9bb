#pragma once
// The seven screens. Each lives in its own file; the shell creates them once.
#include <memory>

#include "View.hpp"

namespace jiceng::gui {

std::unique_ptr<View> make_collect_view();    // 数据采集
std::unique_ptr<View> make_dashboard_view();  // 进度看板
std::unique_ptr<View> make_summary_view();    // 总结编辑
std::unique_ptr<View> make_records_view();    // 组织与党员
std::unique_ptr<View> make_exchange_view();   // 数据交换 (views/Exchange*.cpp, core/sync)
std::unique_ptr<View> make_conflicts_view();  // 冲突处理 (views/ConflictsView.cpp, core/sync)
std::unique_ptr<View> make_settings_view();   // 设置

}  // namespace jiceng::gui
