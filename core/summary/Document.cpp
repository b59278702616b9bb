#include "summary/Document.hpp"

namespace jiceng::summary {

std::string Block::text() const {
  std::string s = number;
  for (const auto& r : runs) s += r.text;
  return s;
}

std::string Document::title() const {
  for (const auto& b : blocks)
    if (b.kind == BlockKind::Title) return b.text();
  return {};
}

size_t Document::figure_count() const {
  size_t n = 0;
  for (const auto& b : blocks)
    for (const auto& r : b.runs) n += r.kind == RunKind::Figure ? 1 : 0;
  return n;
}

std::vector<std::string> Document::unresolved_names() const {
  std::vector<std::string> out;
  for (const auto& u : unresolved)
    for (const auto& n : u.names) {
      bool seen = false;
      for (const auto& o : out) seen = seen || o == n;
      if (!seen) out.push_back(n);
    }
  return out;
}

}  // namespace jiceng::summary
