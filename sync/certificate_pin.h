// The certificate pin check that HttpsChannel's OpenSSL verify callback applies to the server's
// leaf certificate, as a function of its own so a unit test can run it through OpenSSL's real
// verification (X509_verify_cert) without a network: the trust store alone would accept any
// certificate that chains to the pinned one, so this check is what refuses an impostor whose
// certificate the trust store accepts (tests/hardening/certificate_pin_test.cpp).
#pragma once

#include "sync/protocol_org.h"

#include <openssl/x509.h>

#include <string>

namespace heard::sync {

// For the certificate OpenSSL is verifying in storeContext: at depth 0 (the leaf) records its PEM
// in presentedPem and, when pinnedFingerprint (SHA-256, lower-case hex) is not empty, refuses a
// leaf with any other fingerprint (X509_V_ERR_CERT_REJECTED). Otherwise returns preverifyOk.
int checkPinnedLeaf(int preverifyOk, X509_STORE_CTX* storeContext, const std::string& pinnedFingerprint,
                    std::string& presentedPem);

} // namespace heard::sync

namespace heard::sync {

// The organisation pin (issue 17 item 2): at depth 0, once OpenSSL has built the chain, refuses
// (X509_V_ERR_CERT_REJECTED) a chain in which no certificate's key has the SPKI SHA-256
// pinnedSpki: the organisation's CA key, or the server's own key. A renewed leaf under the same CA,
// or with the same key, passes; a certificate the trust store accepts through any other key does
// not. Records the leaf's PEM in presentedPem. Otherwise returns preverifyOk.
int checkPinnedSpki(int preverifyOk, X509_STORE_CTX* storeContext, const std::string& pinnedSpki,
                    std::string& presentedPem);

} // namespace heard::sync
