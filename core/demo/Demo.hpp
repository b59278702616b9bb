#pragma once
// The demo town: a fictional town (青禾镇) with villages, branches, a member roster, targets and two
// years of figures, written deterministically into an empty store so that every screen, the CLI
// and the summary have realistic data to show. The town's layout lives in assets/demo/town.json.
#include <cstdint>

namespace jiceng {

class Store;

// Seed of the demo's random numbers: the same seed always writes the same town.
inline constexpr uint32_t kDemoSeed = 20201130;

// Fills an empty store (throws InputError when it already holds organisations), all in one
// transaction: orgs, members, 2020 targets, 2019 and January–November 2020 values.
void write_demo_town(Store& store);

}  // namespace jiceng
