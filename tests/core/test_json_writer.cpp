// The streamed JSON of `jiceng-cli dashboard --json` reads exactly as the tree it replaced did.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <sstream>

#include "base/JsonWriter.hpp"

using namespace jiceng;

TEST_CASE("JsonWriter lays out a document byte for byte as nlohmann's dump(2) of the same tree") {
  const nlohmann::json tree = {
      {"as_of_month", 11},
      {"empty_list", nlohmann::json::array()},
      {"empty_object", nlohmann::json::object()},
      {"ranking", {{"sections", {"basic", "组织建设"}}, {"villages", {{{"code", "V1"}, {"name", "东风村\"一组\""}, {"score", nullptr}},
                                                                     {{"code", "V2"}, {"behind", {"a", "b"}}}}}}},
      {"year", 2020}};
  std::ostringstream out;
  JsonWriter w(out);
  w.object().member("as_of_month", 11).array("empty_list").end().object("empty_object").end();
  w.object("ranking").member("sections", tree["ranking"]["sections"]).array("villages");
  for (const auto& v : tree["ranking"]["villages"]) w.element(v);
  w.end().end().member("year", 2020).end();
  CHECK(out.str() == tree.dump(2));
  CHECK(json_object([](JsonWriter& jw) { jw.member("n", json_or_null(std::nullopt)).array("x").element(1.5).end(); }) ==
        nlohmann::json{{"n", nullptr}, {"x", {1.5}}});
}
