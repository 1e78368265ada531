// E12 Channel value: "the value each channel represents". Every family already splits
// its figures by platform; this adds the side-by-side table of platforms to each
// all-platform record (the whole range and every period) of every brand.
#pragma once

#include "report/results.h"

namespace rapport {

// Reads the finished per-platform records of E1, E2, E5 and E6 and writes `channels`
// (platform name -> record) into `total` and every period of each brand. Call once
// every family has finished and the scopes are complete.
void AddChannelTables(ResultSet& out);

}  // namespace rapport
