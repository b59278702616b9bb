// The importer on a Word .docx written here with libzip: text split across runs, line breaks,
// a table, proofing marks between runs, a vendor banner in the header and a watermark.
#include <doctest/doctest.h>
#include <zip.h>

#include <filesystem>
#include <string>
#include <vector>

#include "base/Error.hpp"
#include "model/Catalog.hpp"
#include "summary/import/Importer.hpp"
#include "TempDir.hpp"

using namespace jiceng;
using namespace jiceng::summary;

namespace {

const char* kW = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
                 "xmlns:v=\"urn:schemas-microsoft-com:vml\" "
                 "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"";

std::string run(const std::string& text) {
  return "<w:r><w:rPr><w:rFonts w:eastAsia=\"仿宋_GB2312\"/></w:rPr><w:t xml:space=\"preserve\">" + text + "</w:t></w:r>";
}

std::string para(const std::vector<std::string>& runs) {
  std::string p = "<w:p><w:pPr><w:ind w:firstLineChars=\"200\"/></w:pPr>";
  for (const auto& r : runs) p += r;
  return p + "</w:p>";
}

// Writes a minimal but valid .docx; libzip keeps the buffers until zip_close, so they live here.
void write_docx(const std::string& path, const std::string& body, const std::string& header) {
  std::vector<std::pair<std::string, std::string>> parts = {
      // As Chinese Word writes them: heading styles with ids "1", "2" named "heading 1", "heading 2".
      {"word/styles.xml",
       std::string("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:styles ") + kW + ">"
       "<w:style w:type=\"paragraph\" w:styleId=\"1\"><w:name w:val=\"heading 1\"/></w:style>"
       "<w:style w:type=\"paragraph\" w:styleId=\"2\"><w:name w:val=\"heading 2\"/><w:pPr><w:outlineLvl w:val=\"1\"/></w:pPr></w:style>"
       "</w:styles>"},
      {"[Content_Types].xml",
       "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
       "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
       "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
       "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
       "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
       "<Override PartName=\"/word/header1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml\"/>"
       "</Types>"},
      {"_rels/.rels",
       "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
       "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
       "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>"
       "</Relationships>"},
      {"word/_rels/document.xml.rels",
       "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
       "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
       "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/header\" Target=\"header1.xml\"/>"
       "</Relationships>"},
      {"word/document.xml",
       std::string("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document ") + kW + "><w:body>" + body +
           "<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rId1\"/></w:sectPr></w:body></w:document>"},
      {"word/header1.xml",
       std::string("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:hdr ") + kW + ">" + header + "</w:hdr>"},
  };
  int err = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
  REQUIRE(z != nullptr);
  for (const auto& [name, content] : parts) {
    zip_source_t* src = zip_source_buffer(z, content.data(), content.size(), 0);
    REQUIRE(src != nullptr);
    REQUIRE(zip_file_add(z, name.c_str(), src, ZIP_FL_ENC_UTF_8) >= 0);
  }
  REQUIRE(zip_close(z) == 0);
}

}  // namespace

TEST_CASE("import: .docx with X and its unit in separate runs") {
  const test::TempDir tmp;
  std::string body =
      para({run("某某文库整理，咨询QQ：123456")}) +
      para({run("20"), run("XX"), run("年基层党建工作总结")}) +
      para({run("一、聚焦组织建设，突出基层基础")}) +
      // Word list numbering keeps "（一）" out of the text; the style says it is a heading.
      "<w:p><w:pPr><w:pStyle w:val=\"2\"/><w:numPr><w:ilvl w:val=\"1\"/></w:numPr></w:pPr>" + run("严把发展党员关口") + "</w:p>" +
      // "X" in one run, "名" in the next, with a proofing mark and a bookmark between them.
      para({run("全年发展党员"), run("X"), "<w:proofErr w:type=\"spellStart\"/>", run("名"),
            "<w:bookmarkStart w:id=\"0\" w:name=\"a\"/>", run("，举办培训班"), run("X"), run("期，培训"),
            run("XX"), "<w:bookmarkEnd w:id=\"0\"/>", run("0人次。")}) +
      // A line break inside a paragraph separates the vendor stamp from content.
      "<w:p>" + run("收缴党费X.XX万元。") + "<w:r><w:br/></w:r>" + run("某某文库 仅供学习 禁止外传") + "</w:p>" +
      "<w:tbl><w:tr><w:tc>" + para({run("走访群众"), run("X"), run("余户")}) + "</w:tc></w:tr></w:tbl>" +
      // Deleted text is not text.
      para({run("组建党员突击队"), "<w:del><w:r><w:delText>XX</w:delText></w:r></w:del>", run("X支。")});
  std::string header = para({run("某某文库 精品范文 会员专享")}) +
                       "<w:p><w:r><w:pict><v:shape><v:textpath string=\"某某文库专用\"/></v:shape></w:pict></w:r></w:p>";
  auto path = tmp.file("jiceng_test_xtemplate.docx");
  write_docx(path, body, header);

  ImportResult r = import_xtemplate(path, Catalog::builtin());
  std::filesystem::remove(path);
  CHECK(r.removed_lines == std::vector<std::string>{"某某文库 精品范文 会员专享", "某某文库专用",
                                                    "某某文库整理，咨询QQ：123456", "某某文库 仅供学习 禁止外传"});
  REQUIRE(r.paragraphs.size() == 7);
  CHECK(r.paragraphs[0] == "20XX年基层党建工作总结");
  CHECK(r.paragraphs[3] == "全年发展党员X名，举办培训班X期，培训XX0人次。");
  CHECK(r.paragraphs[4] == "收缴党费X.XX万元。");
  CHECK(r.paragraphs[6] == "组建党员突击队X支。");
  CHECK(r.template_text.find("【一级】聚焦组织建设，突出基层基础\n【二级】严把发展党员关口\n") != std::string::npos);
  REQUIRE(r.placeholders.size() == 7);
  CHECK(r.placeholders[0].indicator == "year");
  CHECK(r.placeholders[1].unit == "名");
  CHECK(r.placeholders[1].indicator == "new_members");
  CHECK(r.placeholders[2].unit == "期");
  CHECK(r.placeholders[2].indicator == "training_classes");
  CHECK(r.placeholders[4].kind == BlankKind::Money);
  CHECK(r.placeholders[4].indicator == "dues");
  CHECK(r.placeholders[5].indicator == "visited_households");
  CHECK(r.placeholders[5].expression == "走访群众户数 | 余");
  CHECK(r.placeholders[6].indicator == "commando_teams");
  CHECK(r.template_text.find("全年发展党员{发展党员数}名") != std::string::npos);
}

TEST_CASE("import: a broken .docx is refused, not half-read") {
  const test::TempDir tmp;
  auto path = tmp.file("jiceng_test_broken.docx");
  {
    int err = 0;
    zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
    static const std::string junk = "<w:document><w:body><w:p>";  // unclosed XML
    zip_file_add(z, "word/document.xml", zip_source_buffer(z, junk.data(), junk.size(), 0), 0);
    zip_close(z);
  }
  CHECK_THROWS_AS(import_xtemplate(path, Catalog::builtin()), InputError);
  std::filesystem::remove(path);
}

TEST_CASE("import: a crafted .docx (nested 50 000 deep, or a zip bomb) is refused with a Chinese reason, not a crash") {
  const test::TempDir tmp;
  const auto dir = tmp.path();
  auto refused_with = [](const std::string& path) {
    try {
      import_xtemplate(path, Catalog::builtin());
    } catch (const InputError& e) {
      CHECK(e.where().file == path);
      return e.describe();
    }
    FAIL("not refused: " << path);
    return std::string();
  };
  // 50 000 tables in tables, and 100 000 content controls in content controls (both overflowed
  // the stack before).
  std::string tables, controls;
  for (int i = 0; i < 50000; ++i) tables += "<w:tbl><w:tr><w:tc>";
  tables += para({run("全镇共发展党员X名")});
  for (int i = 0; i < 50000; ++i) tables += "</w:tc></w:tr></w:tbl>";
  for (int i = 0; i < 100000; ++i) controls += "<w:sdt><w:sdtContent>";
  for (int i = 0; i < 100000; ++i) controls += "</w:sdtContent></w:sdt>";
  const std::string deep_tables = (dir / "jiceng_test_tables.docx").string();
  const std::string deep_controls = (dir / "jiceng_test_controls.docx").string();
  write_docx(deep_tables, tables, "");
  write_docx(deep_controls, para({run("a")}) + controls, "");
  CHECK(refused_with(deep_tables).find("嵌套") != std::string::npos);
  CHECK(refused_with(deep_controls).find("嵌套") != std::string::npos);
  // document.xml inflating to 40 MB from a file of some tens of KB.
  const std::string bomb = (dir / "jiceng_test_bomb.docx").string();
  write_docx(bomb, para({run(std::string(40u << 20, 'X'))}), "");
  CHECK(std::filesystem::file_size(bomb) < (1u << 20));
  CHECK(refused_with(bomb).find("解压后超过") != std::string::npos);
  for (const auto& p : {deep_tables, deep_controls, bomb}) std::filesystem::remove(p);
}

TEST_CASE("import: a text template beyond 4 MB is refused before it is read into the parser") {
  const test::TempDir tmp;
  const auto path = tmp.file("jiceng_test_huge.txt");
  {
    std::string line = "全镇共发展党员X名，走访群众X余户。\n";
    std::string text;
    while (text.size() <= (5u << 20)) text += line;
    FILE* f = std::fopen(path.c_str(), "wb");
    REQUIRE(f);
    std::fwrite(text.data(), 1, text.size(), f);
    std::fclose(f);
  }
  try {
    import_xtemplate(path, Catalog::builtin());
    FAIL("not refused");
  } catch (const InputError& e) {
    CHECK(e.describe().find("超过 4 MB") != std::string::npos);
  }
  std::filesystem::remove(path);
}

// The 2021 template as Word saves it: every "XX" split between two runs, the vendor's lines in the
// page header instead of the body. It imports exactly as the text file does.
TEST_CASE("import: the 2021 template as .docx, blanks split mid-run and the vendor in the header, equals the text file") {
  const test::TempDir tmp;
  const ImportResult txt = import_xtemplate(std::string(JICENG_SOURCE_DIR) + "/tests/data/xtemplates/town_2021_c.txt",
                                            Catalog::builtin());
  std::string body;
  for (const std::string& line : txt.paragraphs) {
    std::vector<std::string> runs;
    size_t from = 0;
    // Cut every blank after its first X: "X" ends one run, the rest of the blank starts the next.
    for (size_t at = line.find('X'); at != std::string::npos; at = line.find('X', at + 2)) {
      runs.push_back(run(line.substr(from, at + 1 - from)));
      from = at + 1;
    }
    runs.push_back(run(line.substr(from)));
    body += para(runs);
  }
  std::string header;
  for (const std::string& vendor : txt.removed_lines) header += para({run(vendor)});
  auto path = tmp.file("jiceng_test_2021.docx");
  write_docx(path, body, header);
  const ImportResult docx = import_xtemplate(path, Catalog::builtin());
  std::filesystem::remove(path);

  CHECK(docx.removed_lines == txt.removed_lines);
  CHECK(docx.paragraphs == txt.paragraphs);
  REQUIRE(docx.placeholders.size() == txt.placeholders.size());
  for (size_t k = 0; k < txt.placeholders.size(); ++k) {
    CAPTURE(k);
    CHECK(docx.placeholders[k].kind == txt.placeholders[k].kind);
    CHECK(docx.placeholders[k].indicator == txt.placeholders[k].indicator);
    CHECK(bool(docx.placeholders[k].proposed) == bool(txt.placeholders[k].proposed));
    if (docx.placeholders[k].proposed) CHECK(docx.placeholders[k].proposed->name == txt.placeholders[k].proposed->name);
  }
  CHECK(docx.template_text == txt.template_text);
}
