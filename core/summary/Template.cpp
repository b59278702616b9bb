#include "summary/Template.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>

#include "base/Assets.hpp"
#include "base/Error.hpp"
#include "base/Strings.hpp"
#include "base/Text.hpp"
#include "summary/SummaryContext.hpp"

namespace jiceng::summary {
namespace {

struct Marker {
  std::string_view text;
  BlockKind kind;
  int level;
};

constexpr Marker kMarkers[] = {
    {"【标题】", BlockKind::Title, 0},     {"【一级】", BlockKind::Heading, 1},
    {"【二级】", BlockKind::Heading, 2},   {"【三级】", BlockKind::Heading, 3},
    {"【四级】", BlockKind::Heading, 4},   {"【落款】", BlockKind::Signature, 0},
    {"【注】", BlockKind::Note, 0},        {"【正文】", BlockKind::Paragraph, 0},
};

bool is_open(char32_t c) { return c == U'{' || c == U'｛'; }
bool is_close(char32_t c) { return c == U'}' || c == U'｝'; }
bool is_pipe(char32_t c) { return c == U'|' || c == U'｜'; }

// The closing quote for an opening one, or 0 when `c` opens no string.
char32_t closing_quote(char32_t c) {
  if (c == U'"') return U'"';
  if (c == U'「') return U'」';
  if (c == U'“') return U'”';
  return 0;
}

[[noreturn]] void fail(const std::string& reason, int column) { throw ExprError(reason, column); }

Placeholder parse_placeholder(const std::u32string& inner, int column, const Catalog& catalog) {
  Placeholder p;
  p.source = utf8_encode(inner);
  p.column = column;
  // Split at the one "|" outside string literals.
  size_t pipe = std::u32string::npos;
  char32_t quote = 0;
  for (size_t i = 0; i < inner.size(); ++i) {
    char32_t c = inner[i];
    if (quote) { if (c == quote) quote = 0; continue; }
    if (char32_t q = closing_quote(c)) { quote = q; continue; }
    if (is_pipe(c)) {
      if (pipe != std::u32string::npos) fail(tr("summary.tpl.two_formats"), column + 1 + int(i));
      pipe = i;
    }
  }
  std::u32string expr_part = inner.substr(0, pipe);
  size_t lead = 0;
  while (lead < expr_part.size() && (expr_part[lead] == U' ' || expr_part[lead] == U'\u3000')) ++lead;
  p.expression = trim(utf8_encode(expr_part));
  if (p.expression.empty()) fail(tr("summary.tpl.empty_placeholder"), column);
  if (pipe != std::u32string::npos) {
    p.format_text = trim(utf8_encode(inner.substr(pipe + 1)));
    auto f = parse_format_name(p.format_text);
    if (!f) {
      std::string known;
      for (const auto& n : format_names()) known += (known.empty() ? "" : "、") + n;
      size_t at = pipe + 1;
      while (at < inner.size() && (inner[at] == U' ' || inner[at] == U'\u3000')) ++at;
      fail(tr("summary.tpl.unknown_format", {{"name", p.format_text}, {"known", known}}), column + 1 + int(at));
    }
    p.format = *f;
  }
  try {
    p.expr = Expr::parse(p.expression);
    validate_expression(p.expr, catalog);
  } catch (const ExprError& e) {
    fail(tr("summary.tpl.in_placeholder", {{"placeholder", "{" + p.source + "}"}, {"reason", e.what()}}),
         column + 1 + int(lead) + e.position);
  }
  return p;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(tr("summary.tpl.cannot_read"), Location{path, 0, {}});
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string single_line(std::string_view text) {
  std::string s;
  for (char c : text)
    if (c != '\n' && c != '\r') s += c;
  return trim(s);
}

}  // namespace

std::vector<Segment> parse_segments(std::string_view text, const Catalog& catalog) {
  if (const auto bad = find_invalid_utf8(text))
    throw ExprError(tr("expr.not_utf8"), int(jiceng::utf8_length(text.substr(0, *bad))));
  std::u32string s;
  for (char32_t c : utf8_decode(text)) s += c;
  std::vector<Segment> out;
  std::u32string literal;
  auto flush = [&] {
    if (literal.empty()) return;
    out.push_back(Segment{utf8_encode(literal), std::nullopt});
    literal.clear();
  };
  for (size_t i = 0; i < s.size(); ++i) {
    char32_t c = s[i];
    if (is_close(c)) {
      if (i + 1 < s.size() && is_close(s[i + 1])) { literal += U'}'; ++i; continue; }
      fail(tr("summary.tpl.stray_close"), int(i));
    }
    if (!is_open(c)) { literal += c; continue; }
    if (i + 1 < s.size() && is_open(s[i + 1])) { literal += U'{'; ++i; continue; }
    // Find the closing brace, skipping string literals (they may hold braces).
    size_t j = i + 1;
    char32_t quote = 0;
    for (; j < s.size(); ++j) {
      if (quote) { if (s[j] == quote) quote = 0; continue; }
      if (char32_t q = closing_quote(s[j])) { quote = q; continue; }
      if (is_open(s[j])) fail(tr("summary.tpl.nested_open"), int(j));
      if (is_close(s[j])) break;
    }
    if (j >= s.size()) fail(tr("summary.tpl.unclosed"), int(i));
    flush();
    out.push_back(Segment{{}, parse_placeholder(s.substr(i + 1, j - i - 1), int(i), catalog)});
    i = j;
  }
  flush();
  return out;
}

std::string block_marker(BlockKind kind, int level) {
  for (const auto& m : kMarkers)
    if (m.kind == kind && m.level == level && kind != BlockKind::Paragraph) return std::string(m.text);
  return {};
}

Template Template::parse(std::string_view text, const std::string& source, const Catalog& catalog) {
  if (text.size() > kMaxTemplateBytes)
    throw InputError(tr("summary.import.file_too_large", {{"max", std::to_string(kMaxTemplateBytes >> 20)}}),
                     Location{source, 0, {}});
  Template t;
  t.source_ = source;
  int line_no = 0;
  size_t start = 0;
  while (start <= text.size()) {
    size_t nl = text.find('\n', start);
    std::string_view raw = text.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
    start = nl == std::string_view::npos ? text.size() + 1 : nl + 1;
    ++line_no;
    std::string line = trim(raw);
    if (line.empty()) continue;
    // Column of the block text within the raw line, for messages.
    int column = int(utf8_length(raw.substr(0, raw.find(line))));
    TemplateBlock b;
    b.line = line_no;
    std::string body = line;
    for (const auto& m : kMarkers) {
      if (line.rfind(m.text, 0) != 0) continue;
      b.kind = m.kind;
      b.level = m.level;
      std::string rest = line.substr(m.text.size());
      body = trim(rest);
      column += int(utf8_length(m.text));
      if (!body.empty()) column += int(utf8_length(std::string_view(rest).substr(0, rest.find(body))));
      break;
    }
    b.text = body;
    if (b.kind != BlockKind::Note) {
      try {
        b.segments = parse_segments(body, catalog);
      } catch (const ExprError& e) {
        throw InputError(tr("summary.tpl.error_at", {{"column", std::to_string(column + e.position + 1)},
                                                     {"reason", e.what()}}),
                         Location{source, line_no, {}});
      }
      if (b.kind == BlockKind::Heading && body.empty())
        throw InputError(tr("summary.tpl.empty_heading"), Location{source, line_no, {}});
    }
    t.blocks_.push_back(std::move(b));
  }
  return t;
}

const Template& Template::builtin(const Catalog& catalog) {
  static std::mutex mu;
  static std::map<const Catalog*, Template> cache;
  std::lock_guard lock(mu);
  auto it = cache.find(&catalog);
  if (it == cache.end())
    it = cache.emplace(&catalog, parse(asset("templates/default.tpl"), "templates/default.tpl", catalog)).first;
  return it->second;
}

Template Template::load(const std::string& path, const Catalog& catalog) {
  return parse(decode_text(read_file(path), path), path, catalog);
}

std::string Template::to_text() const {
  std::string out;
  for (const auto& b : blocks_) {
    std::string marker = block_marker(b.kind, b.level);
    // A paragraph that itself starts with "【" is marked so it is not read as a heading.
    if (b.kind == BlockKind::Paragraph && b.text.rfind("【", 0) == 0) marker = "【正文】";
    out += marker + b.text + "\n";
  }
  return out;
}

size_t Template::placeholder_count() const {
  size_t n = 0;
  for (const auto& b : blocks_)
    for (const auto& s : b.segments) n += s.placeholder ? 1 : 0;
  return n;
}

void Template::insert(size_t at, BlockKind kind, int level, std::string_view text, const Catalog& catalog) {
  TemplateBlock b;
  b.kind = kind;
  b.level = kind == BlockKind::Heading ? std::clamp(level, 1, 4) : 0;
  b.text = single_line(text);
  if (kind != BlockKind::Note) b.segments = parse_segments(b.text, catalog);
  blocks_.insert(blocks_.begin() + std::min(at, blocks_.size()), std::move(b));
}

void Template::set_text(size_t index, std::string_view text, const Catalog& catalog) {
  TemplateBlock& b = blocks_.at(index);
  std::string t = single_line(text);
  std::vector<Segment> segs;
  if (b.kind != BlockKind::Note) segs = parse_segments(t, catalog);  // throws before changing anything
  b.text = std::move(t);
  b.segments = std::move(segs);
}

void Template::set_level(size_t heading, int level) {
  TemplateBlock& b = blocks_.at(heading);
  if (b.kind == BlockKind::Heading) b.level = std::clamp(level, 1, 4);
}

size_t Template::section_end(size_t heading) const {
  if (heading >= blocks_.size()) return blocks_.size();
  const TemplateBlock& h = blocks_[heading];
  if (h.kind != BlockKind::Heading) return heading + 1;
  size_t j = heading + 1;
  while (j < blocks_.size()) {
    const TemplateBlock& b = blocks_[j];
    if ((b.kind == BlockKind::Heading && b.level <= h.level) || b.kind == BlockKind::Signature ||
        b.kind == BlockKind::Title)
      break;
    ++j;
  }
  return j;
}

void Template::remove_section(size_t heading) {
  if (heading >= blocks_.size()) return;
  blocks_.erase(blocks_.begin() + heading, blocks_.begin() + section_end(heading));
}

void Template::move_section(size_t heading, size_t before) {
  if (heading >= blocks_.size()) return;
  size_t end = section_end(heading);
  before = std::min(before, blocks_.size());
  if (before > heading && before < end) throw InputError(tr("summary.tpl.move_into_itself"));
  if (before == heading || before == end) return;
  auto b = blocks_.begin();
  if (before < heading) std::rotate(b + before, b + heading, b + end);
  else std::rotate(b + heading, b + end, b + before);
}

}  // namespace jiceng::summary
