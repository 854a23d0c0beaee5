// Placeholder replaced below when libpqxx is available.
#include "server/server_store.h"

#ifndef HEARD_HAVE_PQXX
namespace heard::server {
std::unique_ptr<ServerStore> openPostgresServerStore(const std::string&) {
    throw ServerStoreError("heard-server was built without PostgreSQL support (libpqxx not found)");
}
} // namespace heard::server
#else
namespace heard::server {
std::unique_ptr<ServerStore> openPostgresServerStore(const std::string&) {
    throw ServerStoreError("PostgreSQL backend not implemented yet");
}
} // namespace heard::server
#endif
