#include "sync/protocol_org.h"

#include "base/hex.h"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <sodium.h>

#include <memory>

namespace heard::sync {

std::string spkiSha256(X509* certificate) {
    X509_PUBKEY* key = certificate ? X509_get_X509_PUBKEY(certificate) : nullptr;
    unsigned char* der = nullptr;
    const int length = key ? i2d_X509_PUBKEY(key, &der) : -1;
    if (length <= 0) return {};
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int digestLength = 0;
    const bool ok =
        EVP_Digest(der, static_cast<std::size_t>(length), digest, &digestLength, EVP_sha256(), nullptr) == 1;
    OPENSSL_free(der);
    return ok ? base::toHex(digest, digestLength) : std::string();
}

std::string spkiSha256OfPem(const std::string& pem) {
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())),
                                                  &BIO_free);
    if (!bio) return {};
    std::unique_ptr<X509, decltype(&X509_free)> cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr),
                                                     &X509_free);
    return cert ? spkiSha256(cert.get()) : std::string();
}

std::string enrolmentCode(const std::string& configJson) {
    const std::size_t size =
        sodium_base64_encoded_len(configJson.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    std::string encoded(size, '\0');
    sodium_bin2base64(encoded.data(), size, reinterpret_cast<const unsigned char*>(configJson.data()),
                      configJson.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    encoded.resize(size - 1); // the terminating NUL
    return kEnrolmentCodePrefix + encoded;
}

} // namespace heard::sync
