// 冲突处理: values (and members) that a tablet and this database both changed since they last
// agreed, kept by the package import until a person decides. Each card shows the common base,
// this database's value now and the tablet's, with who typed it; one tap keeps ours, takes theirs,
// or writes a typed value. Everything is decided in core (sync::resolve_conflict), which checks
// the value like any input and records the decision; the screen only shows and asks.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <unordered_map>

#include "base/Error.hpp"
#include "base/Strings.hpp"
#include "store/Devices.hpp"
#include "store/Store.hpp"
#include "sync/Conflicts.hpp"
#include "sync/Members.hpp"
#include "views/SignIn.hpp"
#include "views/Views.hpp"
#include "widgets/Widgets.hpp"

namespace jiceng::gui {
namespace {

using sync::Choice;
using sync::Conflict;
using sync::ConflictKind;

// One card's text, formatted once per refresh.
struct Card {
  Conflict c;
  std::string title;         // 青石村 · 走访群众户数 · 2020-11   /   青石村党支部 · 党员「张三」
  std::string base, local, remote;  // figures with units, or member fields that differ
  std::string local_who, remote_who;
  std::string outcome;       // for decided ones: what was decided, by whom
};

std::string figure(const std::optional<double>& v, const Indicator* ind) {
  if (!v) return tr("sync.absent");
  return ind ? format_number(*v, ind->decimals) + ind->unit : format_number(*v, 6);
}

// "2020-11-28T02:38:00Z" as people read it: "2020-11-28 02:38".
std::string when(const std::string& at) {
  std::string s = at.substr(0, 16);
  if (s.size() > 10 && s[10] == 'T') s[10] = ' ';
  return s;
}

std::string who(const std::string& by, const std::string& device, const std::string& at, const DeviceNames& names) {
  if (by.empty() && device.empty()) return {};
  return tr("sync.view.who", {{"by", by}, {"device", device_label(names, device)}, {"at", when(at)}});
}

// The fields two member records disagree on, as 「姓名、性别」.
std::pair<std::string, std::string> member_sides(const std::string& local, const std::string& remote) {
  auto describe = [](const std::string& record) {
    return record.empty() ? tr("sync.removed") : tr("sync.member.label", {{"name", sync::record_name(record)}});
  };
  return {describe(local), describe(remote)};
}

class ConflictsView final : public View {
 public:
  ConflictsView() : View(ViewId::Conflicts) {}

 private:
  void refresh(Context& ctx) override {
    cards_.clear();
    open_ = sync::open_conflict_count(*ctx.store);
    // Decided ones exist: 显示已处理的 stays offered on the calm screen.
    any_decided_ = open_ == 0 && (show_decided_ || !sync::conflicts(*ctx.store, true).empty());
    const DeviceNames names = device_names(*ctx.store);
    for (auto& c : sync::conflicts(*ctx.store, show_decided_)) {
      Card k;
      const Indicator* ind = c.indicator.empty() ? nullptr : ctx.store->catalog().find(c.indicator);
      if (c.kind == ConflictKind::Member) {
        k.title = c.org_name + " · " + tr("sync.member.label", {{"name", c.member_name}});
        std::tie(k.local, k.remote) = member_sides(c.local_record, c.remote_record);
        k.base = "-";
      } else {
        k.title = c.org_name + " · " + (ind ? ind->name : c.indicator) + " · " + c.period;
        k.base = figure(c.base, ind);
        k.local = figure(c.current, ind);
        k.remote = c.remote ? figure(c.remote, ind) : tr("sync.removed");
      }
      k.local_who = who(c.local_by, c.local_device, c.local_at, names);
      k.remote_who = who(c.remote_by, c.remote_device, c.remote_at, names);
      if (c.resolution)
        k.outcome = tr("sync.view.decided", {{"choice", tr("sync.choice." + *c.resolution)}, {"by", c.resolved_by},
                                             {"at", when(c.resolved_at)},
                                             {"value", c.resolved_value ? figure(c.resolved_value, ind) : "-"}});
      for (const auto* s : {&k.title, &k.base, &k.local, &k.remote, &k.local_who, &k.remote_who, &k.outcome, &c.rule})
        ctx.need_text(*s);
      k.c = std::move(c);
      cards_.push_back(std::move(k));
    }
  }

  void draw_content(Context& ctx) override {
    ui::heading(title());
    ui::mark("conflicts.title");
    if (open_ == 0 && !show_decided_) {
      draw_nothing_to_do();
      return;
    }
    ui::paragraph(open_ ? tr("sync.view.open", {{"count", std::to_string(open_)}}) : tr("sync.view.none"),
                  open_ ? ui::color::accent : ui::color::ok);
    ui::muted(tr("sync.view.explain"));
    sign_in_prompt(ctx, tr("sync.view.sign_in"));
    if (ImGui::Checkbox(tr("sync.view.show_decided").c_str(), &show_decided_)) invalidate();
    ui::mark("conflicts.show_decided");
    ImGui::SetNextItemWidth(ctx.narrow ? -1.0f : ui::em(24));
    ImGui::InputTextWithHint("##reason", tr("sync.view.reason_hint").c_str(), &reason_);
    ui::mark("conflicts.reason");
    ctx.need_text(reason_);
    if (!message_.empty()) ui::paragraph(message_, message_failed_ ? ui::color::accent : ui::color::ok);
    ImGui::Spacing();

    const int cols = ctx.narrow ? 1 : ui::columns_for(30);
    if (ImGui::BeginTable("##conflicts", cols, ImGuiTableFlags_SizingStretchSame)) {
      for (auto& k : cards_) {
        ImGui::TableNextColumn();
        draw_card(ctx, k);
      }
      ImGui::EndTable();
    }
    ui::drag_to_scroll();
  }

  // Nothing waits for a person: one calm line and when that changes, no empty table or controls.
  void draw_nothing_to_do() {
    if (!message_.empty()) ui::paragraph(message_, message_failed_ ? ui::color::accent : ui::color::ok);
    if (any_decided_ && ImGui::Checkbox(tr("sync.view.show_decided").c_str(), &show_decided_)) invalidate();
    if (any_decided_) ui::mark("conflicts.show_decided");
    ui::empty_state(tr("sync.view.empty"), tr("sync.view.empty_when"));
    ui::mark("conflicts.empty");
  }

  void draw_card(Context& ctx, Card& k) {
    const std::string id = std::to_string(k.c.id);
    ui::begin_card(("conflict" + id).c_str(), "");
    ImGui::TextUnformatted(k.title.c_str());
    ui::mark("conflicts." + id + ".title");
    ui::label_value(tr("sync.view.base"), k.base);
    ui::label_value(tr("sync.view.local"), k.local);
    if (!k.local_who.empty()) ui::muted(k.local_who);
    ui::label_value(tr("sync.view.remote"), k.remote);
    ui::muted(k.remote_who);
    // Not a change on both sides: the sender's figure breaks a rule against this database's others.
    if (!k.c.rule.empty()) {
      ui::paragraph(tr("sync.view.rule", {{"rule", k.c.rule}}), ui::color::accent);
      ui::mark("conflicts." + id + ".rule");
    }
    if (!k.c.open()) {
      ui::muted(k.outcome);
      ui::end_card();
      return;
    }
    // Buttons big enough for a finger; a typed value only for figures.
    const ImVec2 button(0, ctx.tablet ? ui::em(2.4f) : 0);
    if (ImGui::Button((tr("sync.choice.local") + "##" + id).c_str(), button)) decide(ctx, k, Choice::Local);
    ui::mark("conflicts." + id + ".local");
    ImGui::SameLine();
    if (ImGui::Button((tr("sync.choice.remote") + "##" + id).c_str(), button)) decide(ctx, k, Choice::Remote);
    ui::mark("conflicts." + id + ".remote");
    if (k.c.kind == ConflictKind::Value) {
      std::string& typed = typed_[k.c.id];
      ImGui::SetNextItemWidth(ui::em(7));
      ImGui::InputTextWithHint(("##typed" + id).c_str(), tr("sync.view.typed_hint").c_str(), &typed,
                               ImGuiInputTextFlags_CharsDecimal);
      ui::numeric_keyboard();
      ui::mark("conflicts." + id + ".value");
      ImGui::SameLine();
      ImGui::BeginDisabled(typed.empty());
      if (ImGui::Button((tr("sync.choice.typed") + "##" + id).c_str(), button)) decide(ctx, k, Choice::Typed);
      ImGui::EndDisabled();
      ui::mark("conflicts." + id + ".typed");
    }
    ui::end_card();
  }

  void decide(Context& ctx, const Card& k, Choice choice) {
    // The signed-in person decides; the store checks they may enter data for the organisation.
    const Actor* actor = signed_in(ctx);
    try {
      if (!actor) throw InputError(tr("sync.view.sign_in_first"));
      sync::resolve_conflict(*ctx.store, k.c.id, choice, typed_[k.c.id], *actor, reason_);
      message_ = tr("sync.view.resolved", {{"what", k.title}, {"choice", tr("sync.choice." + std::string(to_string(choice)))}});
      message_failed_ = false;
      typed_.erase(k.c.id);
    } catch (const std::exception& e) {
      message_ = failure_text(e, true);
      message_failed_ = true;
    }
    ctx.need_text(message_);
  }

  std::vector<Card> cards_;
  int open_ = 0;
  bool show_decided_ = false;
  bool any_decided_ = false;
  std::string reason_;
  std::unordered_map<int64_t, std::string> typed_;
  std::string message_;
  bool message_failed_ = false;
};

}  // namespace

std::unique_ptr<View> make_conflicts_view() { return std::make_unique<ConflictsView>(); }

}  // namespace jiceng::gui
