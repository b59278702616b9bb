#include "summary/import/ImportSource.hpp"

#include <zip.h>

#include <cctype>
#include <cstring>
#include <filesystem>
#include <map>
#include <memory>
#include <pugixml.hpp>

#include "base/Error.hpp"
#include "base/Strings.hpp"
#include "base/Text.hpp"
#include "summary/Template.hpp"

namespace jiceng::summary {
namespace {

void add_lines(std::vector<std::string>& out, std::string_view text) {
  size_t start = 0;
  while (start <= text.size()) {
    size_t nl = text.find_first_of("\r\n", start);
    std::string line = trim(text.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start));
    if (!line.empty()) out.push_back(std::move(line));
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
}

struct ZipCloser {
  void operator()(zip_t* z) const { zip_discard(z); }
};
using ZipPtr = std::unique_ptr<zip_t, ZipCloser>;

// Bounds for a purchased template (a real one is a few hundred KB): a zip bomb (3 MB inflating to
// 1 GiB), thousands of nested tables or content controls, or a huge text file is refused with a
// Chinese message before it takes the memory or the stack.
constexpr zip_uint64_t kMaxPartBytes = 32u << 20;  // inflated size of one XML part
constexpr size_t kMaxFileBytes = 64u << 20;        // the .docx as stored (pictures included)
constexpr int kMaxNesting = 100;                   // tables in tables, controls in controls
constexpr int kMaxParts = 64;                      // headers and footers read

std::string mib(size_t bytes) { return std::to_string(bytes >> 20); }

std::string read_entry(zip_t* z, const char* name, const std::string& path) {
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat(z, name, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE))
    throw InputError(tr("summary.import.docx_missing_part", {{"part", name}}), Location{path, 0, {}});
  if (st.size > kMaxPartBytes)
    throw InputError(tr("summary.import.part_too_large", {{"part", name}, {"max", mib(kMaxPartBytes)}}), Location{path, 0, {}});
  zip_file_t* f = zip_fopen(z, name, 0);
  if (!f) throw InputError(tr("summary.import.docx_missing_part", {{"part", name}}), Location{path, 0, {}});
  std::string data(st.size, '\0');
  zip_int64_t n = zip_fread(f, data.data(), st.size);
  zip_fclose(f);
  if (n < 0 || zip_uint64_t(n) != st.size)
    throw InputError(tr("summary.import.docx_broken"), Location{path, 0, {}});
  return data;
}

// Collects a Word paragraph's text in document order. Line breaks end a line; text boxes inside
// the paragraph become paragraphs of their own (queued in `nested`); deleted text and field
// codes are not text; mc:Fallback repeats mc:Choice and is skipped.
void too_deep(const std::string& path) {
  throw InputError(tr("summary.import.docx_too_deep", {{"max", std::to_string(kMaxNesting)}}), Location{path, 0, {}});
}

void paragraph_text(const pugi::xml_node& node, std::string& line, std::vector<std::string>& lines,
                    std::vector<pugi::xml_node>& nested, const std::string& path, int depth = 0) {
  if (depth > kMaxNesting) too_deep(path);
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
    std::string_view name = c.name();
    if (name == "w:t") line += c.text().get();
    else if (name == "w:tab") line += "\t";
    else if (name == "w:br" || name == "w:cr") { lines.push_back(line); line.clear(); }
    else if (name == "w:txbxContent") nested.push_back(c);
    else if (name == "mc:Fallback" || name == "w:delText" || name == "w:instrText" || name == "w:pPr" || name == "w:rPr") continue;
    else paragraph_text(c, line, lines, nested, path, depth + 1);
  }
}

// Outline level 1–4 of a paragraph properties node (w:outlineLvl is 0-based; 9 is body text).
int outline_level(const pugi::xml_node& ppr) {
  pugi::xml_attribute a = ppr.child("w:outlineLvl").attribute("w:val");
  if (!a) return -1;
  int v = a.as_int(9);
  return v >= 0 && v < 4 ? v + 1 : 0;
}

// Style id → heading level, from styles.xml: the style's outline level or its name ("heading 2").
// Chinese Word names its heading styles with ids "1", "2", … so the id alone says nothing.
std::map<std::string, int> heading_styles(const pugi::xml_document& styles) {
  std::map<std::string, int> out;
  for (pugi::xml_node st : styles.child("w:styles").children("w:style")) {
    std::string id = st.attribute("w:styleId").value();
    int level = outline_level(st.child("w:pPr"));
    std::string name = st.child("w:name").attribute("w:val").value();
    for (auto& ch : name) ch = char(std::tolower(static_cast<unsigned char>(ch)));
    if (level < 0 && name.rfind("heading ", 0) == 0 && name.size() == 9 && name[8] >= '1' && name[8] <= '4')
      level = name[8] - '0';
    if (level > 0) out[id] = level;
  }
  return out;
}

void body_paragraphs(const pugi::xml_node& node, SourceText& out, const std::map<std::string, int>& styles,
                     const std::string& path, int depth = 0) {
  if (depth > kMaxNesting) too_deep(path);
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
    std::string_view name = c.name();
    if (name == "w:p") {
      std::string line;
      std::vector<std::string> lines;
      std::vector<pugi::xml_node> nested;
      paragraph_text(c, line, lines, nested, path);
      lines.push_back(line);
      pugi::xml_node ppr = c.child("w:pPr");
      int level = outline_level(ppr);
      if (level < 0) {
        auto it = styles.find(ppr.child("w:pStyle").attribute("w:val").value());
        level = it == styles.end() ? 0 : it->second;
      }
      for (const auto& l : lines) {
        size_t before = out.paragraphs.size();
        add_lines(out.paragraphs, l);
        out.levels.resize(out.paragraphs.size(), 0);
        if (out.paragraphs.size() > before) out.levels[before] = level;
      }
      for (const auto& n : nested) body_paragraphs(n, out, styles, path, depth + 1);
    } else if (name == "w:sectPr" || name == "mc:Fallback") {
      continue;
    } else {
      body_paragraphs(c, out, styles, path, depth + 1);  // tables, rows, cells, content controls
    }
  }
}

pugi::xml_document parse_xml(const std::string& data, const std::string& path) {
  pugi::xml_document doc;
  auto r = doc.load_buffer(data.data(), data.size(), pugi::parse_default | pugi::parse_ws_pcdata_single);
  if (!r) throw InputError(tr("summary.import.docx_broken"), Location{path, 0, {}});
  return doc;
}

}  // namespace

SourceText read_text_source(std::string_view bytes, const std::string& source) {
  SourceText s;
  add_lines(s.paragraphs, decode_text(bytes, source));
  return s;
}

SourceText read_docx_source(const std::string& path) {
  int err = 0;
  ZipPtr z(zip_open(path.c_str(), ZIP_RDONLY, &err));
  if (!z) throw InputError(tr("summary.import.docx_broken"), Location{path, 0, {}});
  SourceText s;
  std::string xml = read_entry(z.get(), "word/document.xml", path);
  pugi::xml_document doc = parse_xml(xml, path);
  pugi::xml_node body = doc.child("w:document").child("w:body");
  if (!body) throw InputError(tr("summary.import.docx_broken"), Location{path, 0, {}});
  std::map<std::string, int> styles;
  if (zip_name_locate(z.get(), "word/styles.xml", 0) >= 0)
    styles = heading_styles(parse_xml(read_entry(z.get(), "word/styles.xml", path), path));
  body_paragraphs(body, s, styles, path);
  // Headers and footers carry the vendor's banner and watermark (a VML text path).
  zip_int64_t n = zip_get_num_entries(z.get(), 0);
  int parts = 0;
  for (zip_int64_t i = 0; i < n; ++i) {
    const char* name = zip_get_name(z.get(), zip_uint64_t(i), 0);
    if (!name) continue;
    std::string_view nm = name;
    bool part = nm.rfind("word/header", 0) == 0 || nm.rfind("word/footer", 0) == 0;
    if (!part || nm.size() < 4 || nm.substr(nm.size() - 4) != ".xml") continue;
    if (++parts > kMaxParts) break;  // Word writes six at most; the rest of a crafted file is ignored
    pugi::xml_document hd = parse_xml(read_entry(z.get(), name, path), path);
    SourceText part_text;
    body_paragraphs(hd.first_child(), part_text, {}, path);
    for (auto& l : part_text.paragraphs) s.stamps.push_back(std::move(l));
    for (auto x : hd.select_nodes("//v:textpath[@string]")) add_lines(s.stamps, x.node().attribute("string").value());
  }
  return s;
}

SourceText read_template_source(const std::string& path) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (!ec && size > kMaxFileBytes)
    throw InputError(tr("summary.import.file_too_large", {{"max", mib(kMaxFileBytes)}}), Location{path, 0, {}});
  std::string bytes = read_file(path);
  if (bytes.size() >= 4 && std::memcmp(bytes.data(), "PK\x03\x04", 4) == 0) return read_docx_source(path);
  if (bytes.size() > kMaxTemplateBytes)
    throw InputError(tr("summary.import.file_too_large", {{"max", mib(kMaxTemplateBytes)}}), Location{path, 0, {}});
  return read_text_source(bytes, path);
}

}  // namespace jiceng::summary
