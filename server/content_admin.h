// Signed content updates, the administrator's side (issue 20, item 4; sync/protocol_content.h).
//
//   heard-server --no-config admin sign-content <version> <files.json> <signer key> <signer cert> <out>
//       on the machine that holds the content signer's key (never the server): writes the signed
//       update <out> (JSON: version, files, signature, signer). files.json is one JSON object,
//       file name -> content ("tools/<id>.json", "i18n/<lang>.json").
//   heard-server admin publish-content <signed update> [--ca <ca.pem>]
//       on the server: refuses an unsigned update or one whose signature does not match its
//       content (with --ca, also a signer the organisation's CA did not certify), then stores it;
//       tablets fetch it at their next pull, check it against their pinned CA, and use it from
//       their next unlock. The version must be newer than the published one.
#pragma once

#include "server/server_store.h"

#include <iosfwd>
#include <string>
#include <vector>

namespace heard::server {

// args: what follows "admin" ("sign-content", ...). Returns the exit code (0, 1 failure, 2 usage).
int runSignContentCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int runPublishContentCommand(const std::vector<std::string>& args, ServerStore& store, std::ostream& out,
                             std::ostream& err);

} // namespace heard::server
