// A town's indicator catalog (JSON), one town indicator's definition over the built-in catalog (as
// 设置 → 指标 and packages bring them), and its ranking settings.
#include <nlohmann/json.hpp>

#include "report/Ranking.hpp"
#include "FuzzSupport.hpp"
#include "model/Catalog.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace jiceng;
  const std::string_view t = fuzz::text(data, size);
  fuzz::refused_cleanly([&] { Catalog::parse(t, "catalog.json"); });
  fuzz::refused_cleanly([&] { Catalog::extend(Catalog::builtin(), {}, {{std::string(t), false}}, "town_indicators"); });
  // Settings arrive as JSON that nlohmann already accepted; its own refusal is not ours to test.
  const auto j = nlohmann::json::parse(t, nullptr, false);
  if (!j.is_discarded()) fuzz::refused_cleanly([&] { RankingSettings::from_json(j, Location{"settings.json", 0, {}}); });
  return 0;
}
