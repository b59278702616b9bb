#include "View.hpp"

#include "base/Error.hpp"
#include "base/Strings.hpp"
#include "platform/Fonts.hpp"
#include "widgets/Widgets.hpp"

namespace jiceng::gui {

std::string_view view_name(ViewId v) {
  switch (v) {
    case ViewId::Collect: return "collect";
    case ViewId::Dashboard: return "dashboard";
    case ViewId::Summary: return "summary";
    case ViewId::Records: return "records";
    case ViewId::Exchange: return "exchange";
    case ViewId::Conflicts: return "conflicts";
    case ViewId::Settings: return "settings";
  }
  return "collect";
}

std::optional<ViewId> parse_view_name(std::string_view name) {
  for (ViewId v : kAllViews)
    if (view_name(v) == name) return v;
  return std::nullopt;
}

void Context::need_text(std::string_view text) const {
  if (fonts) fonts->add_text(text);
}

void Context::need_heading_text(std::string_view text) const {
  if (fonts) fonts->add_heading_text(text);
}

const std::string& View::title() const {
  return tr("app.nav." + std::string(view_name(id_)));
}

void View::sync(Context& ctx) {
  const uint64_t revision = ctx.store ? ctx.store->revision() : 0;
  if (!valid_ || store_ != ctx.store || generation_ != ctx.generation || revision_ != revision || year_ != ctx.year) {
    store_ = ctx.store;
    generation_ = ctx.generation;
    revision_ = revision;
    year_ = ctx.year;
    valid_ = true;
    ++refreshes_;
    problem_.clear();
    // Bad or half-made data must not take the app down: the screen says what is wrong instead.
    try {
      if (ctx.store && needs_town() && !ctx.store->town()) problem_ = tr("app.view.no_town");
      else if (ctx.store) refresh(ctx);
    } catch (const InputError& e) {
      problem_ = e.describe();
    } catch (const std::exception& e) {
      problem_ = tr("app.view.failed", {{"detail", e.what()}});
    }
    ctx.need_text(problem_);
  }
}

void View::draw(Context& ctx) {
  sync(ctx);
  if (problem_.empty()) {
    draw_content(ctx);
    return;
  }
  ui::heading(title());
  ui::paragraph(problem_, ui::color::accent);
}

}  // namespace jiceng::gui
