// oversight.store_postgres: the same console suite on PostgreSQL, in a throw-away cluster the
// test starts itself (it FAILS with the reason if it cannot).
#include "tests/sync/postgres_fixture.h"
#include "tests/sync/sync_test_support.h"

#include "base/hash.h"
#include "base/hex.h"
#include "base/iso_time.h"
#include "base/working_days.h"
#include "server/admin.h"
#include "server/console/oversight.h"
#include "server/console/people.h"
#include "server/console/search.h"
#include "server/record_cipher.h"
#include "storage/record_kinds.h"
#include "sync/sync_client.h"

#include <doctest/doctest.h>
#include <sodium.h>

#include <algorithm>
#include <map>
#include <sstream>

using namespace heard;

namespace {
std::unique_ptr<server::ServerStore> openBackend(synctest::TempDir&) {
    return synctest::openNewPostgresStore();
}
} // namespace

#include "oversight_suite.inc"
