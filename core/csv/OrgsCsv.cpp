#include "csv/OrgsCsv.hpp"

#include "base/Error.hpp"
#include "base/Strings.hpp"
#include "base/Text.hpp"
#include "csv/CsvTable.hpp"
#include "store/Store.hpp"

namespace jiceng {

size_t import_orgs_csv(Store& store, const std::string& path, const Actor& actor) {
  CsvTable t(read_file(path), path, {"records.col.code", "records.col.name", "records.col.kind", "records.col.parent"});
  store.transaction([&] {
    for (size_t r = 0; r < t.size(); ++r) {
      if (auto bad = t.shape_error(r); !bad.empty()) throw InputError(bad, Location{path, t.line(r)});
      Org o;
      o.code = t.get(r, "records.col.code");
      o.name = t.get(r, "records.col.name");
      auto kind = parse_labelled<OrgKind>(t.get(r, "records.col.kind"), parse_org_kind, 6);
      if (!kind) throw InputError(tr("records.bad_kind", {{"kind", t.get(r, "records.col.kind")}}), t.at(r, "records.col.kind"));
      o.kind = *kind;
      o.sort = int(r);
      const std::string parent = t.get(r, "records.col.parent");
      if (!parent.empty()) {
        auto p = store.find_org(parent);
        if (!p) throw InputError(tr("store.unknown_org", {{"org", parent}}), t.at(r, "records.col.parent"));
        o.parent = p->id;
      }
      // A store error gets the CSV position, keeping the store's field when it names one.
      try {
        store.add_org(o, actor);
      } catch (const InputError& e) {
        Location l = t.at(r, "records.col.code");
        if (!e.where().field.empty()) l.field = e.where().field;
        throw InputError(e.what(), l);
      }
    }
  });
  return t.size();
}

}  // namespace jiceng
