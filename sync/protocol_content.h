// Signed content updates (issue 20, item 4): new or changed activity content and translations
// travel to tablets only signed by the organisation, so a server (or its database) cannot change
// what a child is shown. One implementation for heard-server (which signs and checks on publish)
// and the tablet (which checks against the organisation's CA before keeping an update).
//
// Who signs: a "content signer" certificate issued by the organisation's CA with the extended key
// usage codeSigning (or the CA itself), kept off the server like the CA key
// (docs/admin-guide.md, "Content updates"). What is signed: contentSignedBytes(), the canonical
// JSON (sorted keys, compact) of {"kind":"heard_content","version":N,"files":{...}}; the signature
// is the signer key's (ECDSA or RSA with SHA-256, or Ed25519), base64, and the signer's
// certificate travels with the update as PEM.
//
// The tablet trusts an update only when (contentSignatureProblem returns ""):
//   - the signer certificate chains to the CA pinned in its organisation configuration (the one
//     it enrolled with) and is the CA or carries codeSigning: a server's TLS certificate, also
//     issued by that CA, cannot sign content;
//   - the signature over contentSignedBytes() verifies with the signer's key.
#pragma once

#include "sync/protocol.h"

#include <string>

namespace heard::sync {

inline constexpr const char* kContentSignedKind = "heard_content";

// The bytes a content update's signature covers.
std::string contentSignedBytes(const ContentUpdate& update);

// Signs update with the private key in keyPem and attaches signerPem (its certificate). Throws
// std::runtime_error with a plain sentence when the key cannot be read, does not match the
// certificate, or signing fails.
ContentUpdate signContentUpdate(ContentUpdate update, const std::string& keyPem,
                                const std::string& signerPem);

// "" when update is signed by a certificate caPem vouches for (see above) and its signature
// verifies; else the reason, in words an administrator can act on ("not signed", "the signature
// does not match the content", "the signer is not certified by the organisation's CA", ...).
// An empty caPem checks only that the signature matches the enclosed certificate (what the server
// can check when it publishes; the tablet always passes its pinned CA).
std::string contentSignatureProblem(const ContentUpdate& update, const std::string& caPem);

} // namespace heard::sync
