// The shell's state and actions: opening towns, the year, settings, fonts and style between frames.
// Drawing the shell's bars is in Shell.cpp.
#include "App.hpp"

#include <imgui.h>
#include <imgui_internal.h>  // ClearActiveID: a field being typed in lets go at sign-out

#include <algorithm>
#include <chrono>
#include <ctime>
#include <map>

#include "base/Assets.hpp"
#include "base/Error.hpp"
#include "base/Strings.hpp"
#include "base/Time.hpp"
#include "model/Catalog.hpp"
#include "platform/Fonts.hpp"
#include "Towns.hpp"
#include "views/Views.hpp"
#include "widgets/FormHistory.hpp"

namespace jiceng::gui {
namespace fs = std::filesystem;

namespace {

int current_calendar_year() { return local_tm(std::time(nullptr)).tm_year + 1900; }

// Text pasted from elsewhere may hold characters the atlas lacks: record them on the way in.
struct ClipboardHook {
  const char* (*get)(void*) = nullptr;
  void* user = nullptr;
  platform::FontAtlas* fonts = nullptr;
};
ClipboardHook g_clipboard;

const char* get_clipboard(void*) {
  const char* text = g_clipboard.get ? g_clipboard.get(g_clipboard.user) : nullptr;
  if (text && g_clipboard.fonts) g_clipboard.fonts->add_text(text);
  return text;
}

}  // namespace

App::App(AppOptions options, platform::FontAtlas& fonts) : options_(std::move(options)), fonts_(fonts) {
  if (!options_.settings_file.empty()) settings_ = Settings::load(options_.settings_file);
  if (options_.tablet) settings_.tablet = *options_.tablet ? TabletMode::On : TabletMode::Off;
  ctx_.settings = &settings_;
  ctx_.fonts = &fonts_;
  ctx_.shell = this;
  clock_ = [] { return std::chrono::steady_clock::now(); };
  ctx_.data_dir = path_utf8(options_.data_dir);
  views_.push_back(make_collect_view());
  views_.push_back(make_dashboard_view());
  views_.push_back(make_summary_view());
  views_.push_back(make_records_view());
  views_.push_back(make_exchange_view());
  views_.push_back(make_conflicts_view());
  views_.push_back(make_settings_view());
  current_ = options_.view.value_or(ViewId::Dashboard);
  view_deferred_ = options_.figures_after_first_frame;

  // Text every screen may show: UI strings, the catalog's names and units, the templates.
  for (const auto& path : asset_paths("strings/zh_CN/")) fonts_.add_text(asset(path));
  if (has_asset("catalog.json")) fonts_.add_text(asset("catalog.json"));
  for (const auto& path : asset_paths("templates/"))
    if (path.size() > 4 && path.compare(path.size() - 4, 4, ".tpl") == 0) fonts_.add_text(asset(path));
  // Headings show the app's own titles and the catalog's section names.
  if (has_asset("strings/zh_CN/app.json")) fonts_.add_heading_text(asset("strings/zh_CN/app.json"));
  for (const auto& sec : Catalog::builtin().sections()) fonts_.add_heading_text(sec.name);

  fs::path db;
  if (!options_.database.empty())
    db = utf8_path(options_.database);
  else if (!settings_.database.empty() && fs::exists(utf8_path(settings_.database)))
    db = utf8_path(settings_.database);
  else
    db = default_database(options_.data_dir);
  adopt(gui::open_town(db));
}

void App::install_io_hooks() {
  ImGuiIO& io = ImGui::GetIO();
  if (io.GetClipboardTextFn != get_clipboard) {
    g_clipboard = {io.GetClipboardTextFn, io.ClipboardUserData, &fonts_};
    io.GetClipboardTextFn = get_clipboard;
  }
  io.ConfigWindowsMoveFromTitleBarOnly = true;  // a drag on a window's body never moves it
  io.IniFilename = nullptr;                     // layout is fixed; nothing to remember
}

App::~App() {
  if (ImGui::GetCurrentContext() && ImGui::GetIO().GetClipboardTextFn == get_clipboard) {
    ImGui::GetIO().GetClipboardTextFn = g_clipboard.get;
    g_clipboard = {};
  }
}

View& App::view(ViewId v) {
  for (auto& view : views_)
    if (view->id() == v) return *view;
  return *views_.front();
}

void App::adopt(std::unique_ptr<Store> store) {
  store_ = std::move(store);
  ctx_.store = store_.get();
  ++ctx_.generation;
  ctx_.reports.clear();
  std::vector<int> years = store_->years();
  auto has = [&](int y) { return std::find(years.begin(), years.end(), y) != years.end(); };
  if (options_.year && ctx_.generation == 1)
    ctx_.year = *options_.year;
  else if (settings_.year && has(settings_.year))
    ctx_.year = settings_.year;
  else
    ctx_.year = years.empty() ? current_calendar_year() : years.back();
  for (const auto& org : store_->orgs()) {
    fonts_.add_text(org.name);
    fonts_.add_heading_text(org.name);  // a selected organisation titles its card
  }
  const std::string name = town_name(*store_);
  fonts_.add_text(name);
  fonts_.add_heading_text(name);
  fonts_.add_text(store_->path());
  std::error_code ec;
  settings_.database = path_utf8(fs::absolute(utf8_path(store_->path()), ec));
  settings_.remember(settings_.database, name);
  status_revision_ = ~uint64_t(0);
  save_settings();
}

void App::save_settings() {
  if (!options_.settings_file.empty()) settings_.save(options_.settings_file);
}

void App::update_layout(float width, float dpi_scale, bool small_screen) {
  ctx_.tablet = settings_.tablet == TabletMode::On || (settings_.tablet == TabletMode::Auto && small_screen);
  ctx_.narrow = width / dpi_scale < 900;
}

void App::warm_up(float width, float height, float dpi_scale, bool small_screen, ImFontAtlas& atlas,
                  float framebuffer_scale) {
  (void)height;
  dpi_scale = std::max(1.0f, dpi_scale);
  update_layout(width, dpi_scale, small_screen);
  refresh_status();
  const FontSizes want = font_sizes(dpi_scale * framebuffer_scale, settings_.text_scale, ctx_.tablet);
  fonts_.build(atlas, want.body, want.heading);
  built_sizes_ = want;
}

void App::warm_up_view() {
  // Text the view model adds to the font is taken in by the first prepare_frame.
  if (!view_deferred_) view(current_).sync(ctx_);
}

bool App::pointer_held() {
  const ImGuiIO& io = ImGui::GetIO();
  // MouseDownDuration is still the last frame's here (before NewFrame): >= 0 means it was down.
  for (int b = 0; b < 3; ++b)
    if (io.MouseDown[b] || io.MouseDownDuration[b] >= 0.0f) return true;
  return false;
}

void App::new_frame() {
  if (pointer_held() && held_width_ > 0) ImGui::GetIO().DisplaySize = ImVec2(held_width_, held_height_);
  ImGui::NewFrame();
}

bool App::prepare_frame(float width, float height, float dpi_scale, bool small_screen, float framebuffer_scale) {
  ImGuiIO& io = ImGui::GetIO();
  if (pointer_held() && held_width_ > 0) {
    width = held_width_;
    small_screen = held_small_;
  } else {
    held_width_ = width;
    held_height_ = height;
    held_small_ = small_screen;
  }
  dpi_scale = std::max(1.0f, dpi_scale);
  update_layout(width, dpi_scale, small_screen);
  // Characters typed since the last frame join the atlas before they are drawn.
  for (int i = 0; i < io.InputQueueCharacters.Size; ++i) fonts_.add_codepoint(io.InputQueueCharacters[i]);
  // Bring the current screen's view model up to date now, so the text it shows is in the atlas
  // before the frame that draws it.
  refresh_status();
  if (view_deferred_ && placeholder_drawn_) view_deferred_ = false;
  if (!view_deferred_) view(current_).sync(ctx_);

  bool rebuilt = false;
  framebuffer_scale = std::max(1.0f, framebuffer_scale);
  const FontSizes want = font_sizes(dpi_scale * framebuffer_scale, settings_.text_scale, ctx_.tablet);
  io.FontGlobalScale = 1.0f / framebuffer_scale;
  if (fonts_.dirty() || want.body != built_sizes_.body || want.heading != built_sizes_.heading) {
    fonts_.build(*io.Fonts, want.body, want.heading);
    built_sizes_ = want;
    rebuilt = true;
  }
  io.FontDefault = fonts_.body();
  if (dpi_scale != style_scale_ || ctx_.tablet != style_tablet_) {
    apply_style(dpi_scale, ctx_.tablet);
    style_scale_ = dpi_scale;
    style_tablet_ = ctx_.tablet;
  }
  return rebuilt;
}

void App::refresh_status() {
  if (!store_) return;
  // The town's own indicators and sections (a town opened, or an admin defined one): their names
  // join the fonts, as the built-in catalog's did at start.
  if (&store_->catalog() != fonts_catalog_) {
    fonts_catalog_ = &store_->catalog();
    for (const auto& ind : fonts_catalog_->indicators())
      if (ind.town) fonts_.add_text(ind.name + ind.unit + ind.note);
    for (const auto& sec : fonts_catalog_->sections()) {
      fonts_.add_text(sec.name);
      fonts_.add_heading_text(sec.name);
    }
  }
  // A clerk's count is of their own villages: who is signed in is part of what the bar shows.
  const Actor* actor = signed_in(ctx_);
  const Actor* clerk = actor && actor->role == Role::Clerk ? actor : nullptr;
  const std::string who = clerk ? clerk->user : std::string();
  if (status_revision_ == store_->revision() && status_generation_ == ctx_.generation && status_year_ == ctx_.year &&
      status_actor_ == who)
    return;
  status_revision_ = store_->revision();
  status_generation_ = ctx_.generation;
  status_year_ = ctx_.year;
  status_actor_ = who;
  status_.drafts = 0;
  status_.drafts_mine = clerk != nullptr;
  // A clerk's own: the store's rule (their organisations with their subtrees).
  for (const auto& [org, n] : store_->draft_counts(ctx_.year)) {
    bool own = !clerk;
    for (size_t i = 0; clerk && !own && i < clerk->scope.size(); ++i) own = store_->is_within(org, clerk->scope[i]);
    if (own) status_.drafts += n;
  }
  HistoryFilter last;
  last.limit = 1;
  auto h = store_->history(last);
  status_.last_save = h.empty() ? std::string() : local_time_text(h.front().at);
  status_.years = store_->years();
  for (int y : {current_calendar_year(), ctx_.year})
    if (std::find(status_.years.begin(), status_.years.end(), y) == status_.years.end()) status_.years.push_back(y);
  std::sort(status_.years.begin(), status_.years.end());
  status_.town = town_name(*store_);
  status_.demo = is_demo(*store_);
  fonts_.add_text(status_.town);
}

void App::set_clock(Clock clock) {
  clock_ = std::move(clock);
  last_input_ = clock_();
}

void App::check_idle() {
  const auto now = clock_();
  // Checked before this frame's input counts: a touch after a long pause finds the person signed
  // out (the desktop draws at least every few seconds, so this rarely waits for a touch).
  if (!signed_in(ctx_)) {
    last_input_ = now;  // the timer runs only while someone is signed in
  } else if (now - last_input_ >= std::chrono::minutes(std::clamp(settings_.idle_minutes, 1, 240))) {
    end_session(true);
    last_input_ = now;
  }
  const ImGuiIO& io = ImGui::GetIO();
  bool input = io.InputQueueCharacters.Size > 0 || io.MouseWheel != 0 || io.MouseWheelH != 0 ||
               io.MouseDelta.x != 0 || io.MouseDelta.y != 0;
  for (bool down : io.MouseDown) input = input || down;
  for (bool down : io.KeysDown) input = input || down;
  if (input) last_input_ = now;
}

void App::end_session(bool timed_out) {
  if (!signed_in(ctx_)) return;
  for (auto& v : views_) v->before_sign_out(ctx_);  // typed drafts are written under the one who typed them
  gui::sign_out(ctx_);
  if (ImGui::GetCurrentContext()) ImGui::ClearActiveID();  // a field being typed in closes (and its keyboard)
  sign_in_.login.clear();
  sign_in_.pin.clear();
  sign_in_.error.clear();
  sign_in_.notice = timed_out ? tr("signin.timed_out") : std::string();
  fonts_.add_text(sign_in_.notice);
}

void App::set_year(int year) {
  if (year == ctx_.year) return;
  ctx_.year = year;
  settings_.year = year;
  save_settings();
}

void App::navigate(ViewId v) { current_ = v; }

void App::set_tablet_mode(TabletMode m) {
  settings_.tablet = m;
  save_settings();
}

void App::set_text_scale(float s) {
  settings_.text_scale = std::clamp(s, 0.75f, 2.0f);
  save_settings();
}

void App::open_town(const std::string& path) {
  try {
    adopt(gui::open_town(utf8_path(path)));
    error_.clear();
  } catch (const InputError& e) {
    error_ = e.describe();
    fonts_.add_text(error_);
  }
}

void App::request_new_town() {
  new_town_requested_ = true;
  new_town_name_.clear();
  new_town_error_.clear();
}

bool App::create_town(const std::string& name) {
  try {
    fs::path p = create_empty_town(options_.data_dir, name);
    adopt(gui::open_town(p));
    error_.clear();
    return true;
  } catch (const InputError& e) {
    new_town_error_ = e.describe();
    fonts_.add_text(new_town_error_);
    return false;
  }
}

}  // namespace jiceng::gui
