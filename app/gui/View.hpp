#pragma once
// A screen of the app. Each keeps a view model: what it computed from core, recomputed only when
// the data changed (store revision, year or database), never per frame.
#include <cstdint>
#include <string>

#include "Context.hpp"

namespace jiceng::gui {

class View {
 public:
  explicit View(ViewId id) : id_(id) {}
  virtual ~View() = default;
  View(const View&) = delete;
  View& operator=(const View&) = delete;

  ViewId id() const { return id_; }
  // The screen's name in the navigation bar.
  const std::string& title() const;
  // Recomputes the view model when the data changed since the last time (not per frame).
  void sync(Context& ctx);
  // Draws the screen into the current window, after sync.
  void draw(Context& ctx);
  // The signed-in person is about to be signed out (退出, or the idle timeout): write what they
  // typed and did not save yet under their name, so that nothing is lost.
  virtual void before_sign_out(Context& ctx) { (void)ctx; }
  // How often the view model was recomputed (tests check it is not per frame).
  int refresh_count() const { return refreshes_; }
  // Why the view model could not be computed (shown instead of the screen); empty when fine.
  const std::string& problem() const { return problem_; }

 protected:
  virtual void refresh(Context& ctx) = 0;
  // Screens over the town's figures need its root organisation; settings do not.
  virtual bool needs_town() const { return true; }
  virtual void draw_content(Context& ctx) = 0;
  // Recompute on the next draw although the data did not change (a picker changed).
  void invalidate() { valid_ = false; }

 private:
  ViewId id_;
  bool valid_ = false;
  const Store* store_ = nullptr;
  uint64_t generation_ = 0, revision_ = 0;
  int year_ = 0;
  int refreshes_ = 0;
  std::string problem_;
};

}  // namespace jiceng::gui
