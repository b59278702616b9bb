#pragma once
// Synthetic towns of any size for the benchmark and scale tests: N villages with one 党支部 each,
// a value for every typed indicator (by month or by year), targets, all within the catalog's rules.
// Deterministic for a given seed.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace jiceng {

class Store;

struct SyntheticSpec {
  int villages = 20;
  int year = 2020;
  bool monthly = true;  // monthly indicators typed per month; otherwise one yearly value each
  int months = 11;      // months typed when monthly
  uint32_t seed = 1;
};

struct ValueInput;

// The organisation tree and spec.year's targets, into an empty store.
void write_synthetic_orgs(Store& store, const SyntheticSpec& spec);
// spec.year's targets for a store holding write_synthetic_orgs' tree (another year of the same town).
void write_synthetic_targets(Store& store, const SyntheticSpec& spec);
// The values for a store holding write_synthetic_orgs' tree (not yet written).
std::vector<ValueInput> synthetic_values(const Store& store, const SyntheticSpec& spec);
// Both, then the values; returns the number of values written.
size_t write_synthetic_town(Store& store, const SyntheticSpec& spec);
// The same town over several years (`jiceng-cli synth`): the tree once, then each year's targets
// and values; spec.year is ignored. Returns the number of values written.
size_t write_synthetic_years(Store& store, SyntheticSpec spec, const std::vector<int>& years);

}  // namespace jiceng
