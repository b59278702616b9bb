// The .docx exporter: every part well-formed XML, the official layout (A4, margins, exact line
// pitch, East Asian fonts, heading fonts, page numbers on odd and even pages), text escaped, a
// draft marked 草稿 on every page, and the gate refusing a final document with figures missing.
#include <doctest/doctest.h>

#include <pugixml.hpp>

#include <map>

#include "demo/Demo.hpp"
#include "export/Docx.hpp"
#include "export/Export.hpp"
#include "model/Figures.hpp"
#include "SmallTown.hpp"
#include "store/Store.hpp"
#include "summary/import/Importer.hpp"
#include "summary/Renderer.hpp"
#include "TempDir.hpp"

using namespace jiceng;
using namespace jiceng::exporter;
using namespace jiceng::summary;

namespace {

std::map<std::string, pugi::xml_document> parse_parts(const std::vector<ZipEntry>& parts) {
  std::map<std::string, pugi::xml_document> out;
  for (const auto& p : parts) {
    CAPTURE(p.name);
    pugi::xml_parse_result r = out[p.name].load_buffer(p.data.data(), p.data.size());
    CHECK_MESSAGE(r, r.description());
  }
  return out;
}

struct DemoTown {
  test::TempDir dir;
  std::unique_ptr<Store> s = Store::open(dir.file("demo.db"));
  DemoTown() { write_demo_town(*s); }
};

std::string all_text(const pugi::xml_node& n) {
  std::string s;
  for (pugi::xpath_node t : n.select_nodes(".//w:t")) s += t.node().text().get();
  return s;
}

}  // namespace

TEST_CASE("docx: the demo town's final summary in the official layout") {
  DemoTown d;
  YearFigures f = YearFigures::compute_with_previous(*d.s, 2020);
  Document doc = render(Template::builtin(d.s->catalog()), f, RenderOptions{false});
  REQUIRE(doc.unresolved.empty());
  auto parts = docx_parts(doc);
  REQUIRE(parts.front().name == "[Content_Types].xml");
  auto xml = parse_parts(parts);
  for (const char* name : {"_rels/.rels", "word/document.xml", "word/_rels/document.xml.rels", "word/styles.xml",
                           "word/settings.xml", "word/footer1.xml", "word/footer2.xml", "docProps/core.xml"})
    CHECK_MESSAGE(xml.count(name) == 1, name);
  CHECK(xml.count("word/header1.xml") == 0);  // no draft header on a final document

  const pugi::xml_node body = xml["word/document.xml"].child("w:document").child("w:body");
  const std::string text = all_text(body);
  CHECK(text.find("青禾镇2020年基层党建工作总结") != std::string::npos);
  CHECK(text.find("一、聚焦疫情防控") != std::string::npos);
  CHECK(text.find("待补") == std::string::npos);
  CHECK(text.find("草稿") == std::string::npos);

  const pugi::xml_node sect = body.child("w:sectPr");
  CHECK(sect.child("w:pgSz").attribute("w:w").as_int() == 11906);
  CHECK(sect.child("w:pgSz").attribute("w:h").as_int() == 16838);
  const pugi::xml_node mar = sect.child("w:pgMar");
  CHECK(mar.attribute("w:top").as_int() == 2098);
  CHECK(mar.attribute("w:bottom").as_int() == 1984);
  CHECK(mar.attribute("w:left").as_int() == 1587);
  CHECK(mar.attribute("w:right").as_int() == 1474);
  CHECK(sect.child("w:docGrid").attribute("w:linePitch").as_int() == 579);
  // Odd and even page footers, and the setting that makes Word tell them apart.
  std::map<std::string, std::string> footer_refs;
  for (pugi::xml_node r = sect.child("w:footerReference"); r; r = r.next_sibling("w:footerReference"))
    footer_refs[r.attribute("w:type").value()] = r.attribute("r:id").value();
  CHECK(footer_refs.count("default") == 1);
  CHECK(footer_refs.count("even") == 1);
  CHECK(xml["word/settings.xml"].select_node("//w:evenAndOddHeaders"));
  for (const char* part : {"word/footer1.xml", "word/footer2.xml"}) {
    const pugi::xml_node ftr = xml[part].child("w:ftr");
    CHECK(std::string(ftr.select_node(".//w:instrText").node().text().get()).find("PAGE") != std::string::npos);
    CHECK(all_text(ftr).rfind("— ", 0) == 0);
    CHECK(ftr.select_node(".//w:rPr/w:sz").node().attribute("w:val").as_int() == 28);  // 四号
  }
  CHECK(std::string(xml["word/footer1.xml"].select_node("//w:jc").node().attribute("w:val").value()) == "right");
  CHECK(std::string(xml["word/footer2.xml"].select_node("//w:jc").node().attribute("w:val").value()) == "left");

  // Styles: body 仿宋_GB2312 16 pt with East Asian font set, exact 579 line pitch, 2-character indent.
  const pugi::xml_document& st = xml["word/styles.xml"];
  auto style = [&](const char* id) {
    return st.select_node(("//w:style[@w:styleId='" + std::string(id) + "']").c_str()).node();
  };
  const pugi::xml_node normal = style("Normal");
  CHECK(std::string(normal.select_node(".//w:rFonts").node().attribute("w:eastAsia").value()) == "仿宋_GB2312");
  CHECK(normal.select_node(".//w:sz").node().attribute("w:val").as_int() == 32);
  const pugi::xml_node spacing = normal.select_node(".//w:spacing").node();
  CHECK(spacing.attribute("w:line").as_int() == 579);
  CHECK(std::string(spacing.attribute("w:lineRule").value()) == "exact");
  CHECK(normal.select_node(".//w:ind").node().attribute("w:firstLineChars").as_int() == 200);
  CHECK(std::string(style("Title").select_node(".//w:rFonts").node().attribute("w:eastAsia").value()) == "方正小标宋简体");
  CHECK(style("Title").select_node(".//w:sz").node().attribute("w:val").as_int() == 44);
  CHECK(std::string(style("Title").select_node(".//w:jc").node().attribute("w:val").value()) == "center");
  CHECK(std::string(style("Heading1").select_node(".//w:rFonts").node().attribute("w:eastAsia").value()) == "黑体");
  CHECK(std::string(style("Heading2").select_node(".//w:rFonts").node().attribute("w:eastAsia").value()) == "楷体_GB2312");

  // Every heading paragraph uses its level's style; the six 一级 sections are all there.
  int h1 = 0;
  for (pugi::xpath_node p : body.select_nodes("w:p[w:pPr/w:pStyle/@w:val='Heading1']")) {
    ++h1;
    (void)p;
  }
  CHECK(h1 == 6);

  // The zipped package holds exactly these parts.
  auto back = unzip_bytes(write_docx(doc));
  REQUIRE(back.size() == parts.size());
  for (size_t i = 0; i < parts.size(); ++i) {
    CHECK(back[i].name == parts[i].name);
    CHECK(back[i].data == parts[i].data);
  }
}

TEST_CASE("docx: a draft says 草稿 on every page and marks what is missing") {
  test::SmallTownDb t;
  YearFigures f = YearFigures::compute_with_previous(*t.s, 2020);
  Template tpl = Template::parse("【标题】{镇名}{年份}年总结\n全年发展党员{发展党员数}名。\n", "t", t.s->catalog());
  Document draft = render(tpl, f, RenderOptions{true});
  REQUIRE(draft.unresolved.size() == 1);
  auto xml = parse_parts(docx_parts(draft));
  REQUIRE(xml.count("word/header1.xml") == 1);
  CHECK(all_text(xml["word/header1.xml"].child("w:hdr")) == "草稿");
  const pugi::xml_node sect = xml["word/document.xml"].select_node("//w:sectPr").node();
  int headers = 0;
  for (pugi::xml_node r = sect.child("w:headerReference"); r; r = r.next_sibling("w:headerReference")) ++headers;
  CHECK(headers == 2);  // odd and even pages
  const std::string text = all_text(xml["word/document.xml"].child("w:document"));
  CHECK(text.find("【草稿】") != std::string::npos);
  CHECK(text.find("【待补：发展党员数】") != std::string::npos);
  // The missing figure is red.
  CHECK(xml["word/document.xml"].select_node("//w:r[w:rPr/w:color/@w:val='C00000']/w:t[contains(., '待补')]"));

  // A final export of the same is refused before anything is written.
  Document final_doc = render(tpl, f, RenderOptions{false});
  CHECK_THROWS_AS(export_bytes(final_doc, f, Format::Docx), UnresolvedError);
  test::TempDir out;
  CHECK_THROWS_AS(export_file(final_doc, f, Format::Docx, out.file("s.docx")), UnresolvedError);
  CHECK_FALSE(std::filesystem::exists(out.file("s.docx")));
  export_file(draft, f, Format::Docx, out.file("d.docx"));
  CHECK(std::filesystem::exists(out.file("d.docx")));
}

TEST_CASE("docx: text a clerk typed is escaped; the file reads back through the template importer") {
  test::SmallTownDb t;
  t.s->set_values({{"V1", "new_members", "2020", "3"}, {"V2", "new_members", "2020", "4"}}, {});
  YearFigures f = YearFigures::compute_with_previous(*t.s, 2020);
  Template tpl = Template::parse(
      "【标题】{镇名}年度总结\n【一级】抓党建 & 促发展 <重点>\n\"引号\"与'单引号'，发展党员{发展党员数}名。\n", "t",
      t.s->catalog());
  Document doc = render(tpl, f, RenderOptions{false});
  auto parts = docx_parts(doc);
  auto xml = parse_parts(parts);
  const std::string text = all_text(xml["word/document.xml"].child("w:document"));
  CHECK(text.find("抓党建 & 促发展 <重点>") != std::string::npos);
  CHECK(text.find("\"引号\"与'单引号'，发展党员7名。") != std::string::npos);

  test::TempDir out;
  export_file(doc, f, Format::Docx, out.file("s.docx"));
  ImportResult back = import_xtemplate(out.file("s.docx"), t.s->catalog());
  REQUIRE(back.paragraphs.size() >= 3);
  CHECK(back.paragraphs[0] == "测试镇年度总结");
  CHECK(back.template_text.find("【一级】") != std::string::npos);  // the heading style reads back as a heading
}

TEST_CASE("export formats: names, extensions, every format of the demo town") {
  Format fmt;
  CHECK(parse_format("docx", fmt));
  CHECK(fmt == Format::Docx);
  CHECK(parse_format("md", fmt));
  CHECK(fmt == Format::Markdown);
  CHECK_FALSE(parse_format("pdf", fmt));
  CHECK(extension(Format::Xlsx) == ".xlsx");
  DemoTown d;
  YearFigures f = YearFigures::compute_with_previous(*d.s, 2020);
  Document doc = render(Template::builtin(d.s->catalog()), f, RenderOptions{false});
  test::TempDir out;
  for (Format x : kAllFormats) {
    const std::string path = out.file("s" + std::string(extension(x)));
    export_file(doc, f, x, path);
    CHECK_MESSAGE(std::filesystem::file_size(path) > 1000, path);
  }
  // Nothing but the files themselves is left in the folder (no temporary files).
  size_t n = 0;
  for (const auto& e : std::filesystem::directory_iterator(out.path())) n += e.is_regular_file();
  CHECK(n == std::size(kAllFormats));
  CHECK_THROWS_AS(export_file(doc, f, Format::Docx, out.file("no/such/folder/s.docx")), InputError);
}
