// The certificate pin check that HttpsChannel's OpenSSL verify callback applies to the server's
// leaf certificate, as a function of its own so a unit test can run it through OpenSSL's real
// verification (X509_verify_cert) without a network: the trust store alone would accept any
// certificate that chains to the pinned one, so this check is what refuses an impostor whose
// certificate the trust store accepts (tests/hardening/certificate_pin_test.cpp).
#pragma once

#include <openssl/x509.h>

#include <string>

namespace heard::sync {

// For the certificate OpenSSL is verifying in storeContext: at depth 0 (the leaf) records its PEM
// in presentedPem and, when pinnedFingerprint (SHA-256, lower-case hex) is not empty, refuses a
// leaf with any other fingerprint (X509_V_ERR_CERT_REJECTED). Otherwise returns preverifyOk.
int checkPinnedLeaf(int preverifyOk, X509_STORE_CTX* storeContext, const std::string& pinnedFingerprint,
                    std::string& presentedPem);

} // namespace heard::sync
