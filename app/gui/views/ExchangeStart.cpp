// 数据交换 ▸ 用镇党建办发来的文件开始: a new tablet (still on the demo town, or on an empty database)
// makes its town from a package or a database file the town office sent, then opens it. No
// sign-in: the new database has no users yet (gui::start_town_from_file, Towns.cpp).
#include <imgui.h>

#include "base/Error.hpp"
#include "base/Strings.hpp"
#include "platform/Files.hpp"
#include "Towns.hpp"
#include "views/ExchangeView.hpp"
#include "widgets/Widgets.hpp"

namespace jiceng::gui {

void ExchangeView::draw_start(Context& ctx) {
  ui::begin_card("start", tr("exchange.start.title"));
  ui::mark("exchange.start.card");
  ui::paragraph(tr("exchange.start.explain"));
  ui::muted(tr("exchange.start.accounts"));
  if (platform::files_through_browser()) {
    if (exchange_button(ctx, tr("exchange.start.pick"), "exchange.start.pick", ctx.narrow)) {
      pick_ = Pick::Start;
      platform::pick_files(".json,.db");
    }
  } else {
    draw_file_list(ctx, false, "exchange.start.file");
    ImGui::BeginDisabled(start_choice_.empty());
    if (exchange_button(ctx, tr("exchange.start.run"), "exchange.start.run", ctx.narrow)) run_start(ctx, start_choice_);
    ImGui::EndDisabled();
  }
  if (!start_msg_.empty()) {
    ui::paragraph(start_msg_, start_failed_ ? ui::color::accent : ui::color::ok);
    ui::mark("exchange.start.msg");
  }
  ui::end_card();
}

void ExchangeView::run_start(Context& ctx, const std::string& file) {
  start_failed_ = true;
  try {
    const auto path = start_town_from_file(utf8_path(ctx.data_dir), file);
    ctx.shell->open_town(path_utf8(path));
    if (ctx.store && path_utf8(utf8_path(ctx.store->path()).filename()) == path_utf8(path.filename())) {
      start_msg_ = tr("exchange.start.done", {{"file", file_name(file)}, {"town", town_name(*ctx.store)},
                                              {"db", path_utf8(path)}});
      start_failed_ = false;
    } else {
      start_msg_ = tr("exchange.start.not_opened", {{"db", path_utf8(path)}});
    }
  } catch (const std::exception& e) {
    start_msg_ = failure_text(e, true);
  }
  ctx.need_text(start_msg_);
}

}  // namespace jiceng::gui
