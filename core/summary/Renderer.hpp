#pragma once
// Fills a template from one year's figures, and the unresolved gate: a draft shows each missing
// figure as a visible marker (【待补：发展党员数】); a final export refuses while any remain.
#include <string>
#include <string_view>
#include <vector>

#include "base/Error.hpp"
#include "model/Figures.hpp"
#include "summary/Document.hpp"
#include "summary/Template.hpp"

namespace jiceng::summary {

struct RenderOptions {
  bool draft = false;  // marks the document 草稿; the gate lets a draft through
};

Document render(const Template& t, const YearFigures& figures, const RenderOptions& options = {});

// Heading number for a level and 1-based counter: 一、 /（一）/ 1. /（1）.
std::string heading_number(int level, int counter);

// Thrown by require_resolved: a final export with figures still missing. The message names them.
class UnresolvedError : public InputError {
 public:
  UnresolvedError(const std::string& message, std::vector<std::string> names)
      : InputError(message), names_(std::move(names)) {}
  const std::vector<std::string>& names() const { return names_; }

 private:
  std::vector<std::string> names_;
};

// The gate: returns when the document is a draft or complete; throws UnresolvedError otherwise.
void require_resolved(const Document& doc);

}  // namespace jiceng::summary
