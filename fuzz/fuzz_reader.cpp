#include "fuzz_reader.h"

#include <cstring>
#include <memory>
#include <vector>

#include "core/roles.h"
#include "io/event_builder.h"
#include "io/readers/reader.h"
#include "metrics/family.h"
#include "simdjson.h"
#include "tbb/global_control.h"
#include "threads/thread_index.h"

namespace rapport {

int FuzzReader(std::string_view format, const uint8_t* data, size_t size) {
  static tbb::global_control one_thread(tbb::global_control::max_allowed_parallelism, 1);
  const Reader* proto = FindReader(format);
  if (!proto) __builtin_trap();
  // Readers get blocks with simdjson's padding after them, as the ingest driver gives.
  std::vector<char> buf(size + simdjson::SIMDJSON_PADDING, 0);
  if (size) std::memcpy(buf.data(), data, size);
  std::string_view block(buf.data(), size);

  std::vector<BrandSpec> brands;
  BrandSpec acme;
  acme.name = "acme";
  acme.accounts = {"acmehelp", "1"};
  acme.terms = {"acme"};
  brands.push_back(acme);
  EventTable table;
  Enricher enricher(brands);
  EventBuilder builder(table.dictionaries(), enricher);
  EventBatch batch;
  builder.set_batch(&batch);
  InputErrors errors;
  BlockContext ctx{"fuzz"};
  auto reader = proto->NewInstance();
  if (proto->LineSplittable()) {
    reader->Parse(block, ctx, builder, errors);
  } else {
    // Fed in two pieces: state must carry across blocks.
    size_t half = size / 2;
    reader->Parse(block.substr(0, half), ctx, builder, errors);
    reader->Parse(block.substr(half), ctx, builder, errors);
    reader->Finish(ctx, builder, errors);
  }
  builder.Flush();
  table.Append(std::move(batch));
  table.Finalize();
  for (bool configured : {true, false}) {
    Roles roles = ResolveRoles(table, configured ? brands : std::vector<BrandSpec>{});
    ThreadIndex threads(table);
    AnalysisOptions options;
    AnalysisContext actx(table, roles, threads, options);
    ResultSet out;
    ComputeMetrics(actx, out);
  }
  return 0;
}

}  // namespace rapport
