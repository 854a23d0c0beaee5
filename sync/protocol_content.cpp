#include "sync/protocol_content.h"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <sodium.h>

#include <memory>
#include <stdexcept>
#include <vector>

namespace heard::sync {
namespace {

using Bio = std::unique_ptr<BIO, decltype(&BIO_free)>;
using Cert = std::unique_ptr<X509, decltype(&X509_free)>;
using Key = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using MdCtx = std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)>;
using Store = std::unique_ptr<X509_STORE, decltype(&X509_STORE_free)>;
using StoreCtx = std::unique_ptr<X509_STORE_CTX, decltype(&X509_STORE_CTX_free)>;

Bio memoryBio(const std::string& text) {
    return Bio(BIO_new_mem_buf(text.data(), static_cast<int>(text.size())), &BIO_free);
}

Cert readCertificate(const std::string& pem) {
    Bio bio = memoryBio(pem);
    return Cert(bio ? PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr) : nullptr, &X509_free);
}

// Ed25519 signs the message itself; ECDSA and RSA sign its SHA-256.
const EVP_MD* digestFor(EVP_PKEY* key) {
    return EVP_PKEY_id(key) == EVP_PKEY_ED25519 ? nullptr : EVP_sha256();
}

std::string toBase64(const std::vector<unsigned char>& bytes) {
    const std::size_t size = sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL);
    std::string out(size, '\0');
    sodium_bin2base64(out.data(), size, bytes.data(), bytes.size(), sodium_base64_VARIANT_ORIGINAL);
    out.resize(size - 1); // the terminating NUL
    return out;
}

bool fromBase64(const std::string& text, std::vector<unsigned char>& out) {
    out.assign(text.size(), 0);
    std::size_t length = 0;
    if (sodium_base642bin(out.data(), out.size(), text.data(), text.size(), nullptr, &length, nullptr,
                          sodium_base64_VARIANT_ORIGINAL) != 0)
        return false;
    out.resize(length);
    return !out.empty();
}

// The signer is the CA, or a certificate the CA issued for signing code (content).
std::string signerProblem(X509* signer, const std::string& caPem) {
    Cert ca = readCertificate(caPem);
    if (!ca) return "the organisation's CA certificate cannot be read";
    Store store(X509_STORE_new(), &X509_STORE_free);
    StoreCtx ctx(X509_STORE_CTX_new(), &X509_STORE_CTX_free);
    if (!store || !ctx || X509_STORE_add_cert(store.get(), ca.get()) != 1 ||
        X509_STORE_CTX_init(ctx.get(), store.get(), signer, nullptr) != 1)
        return "the signer's certificate could not be checked";
    if (X509_verify_cert(ctx.get()) != 1)
        return std::string("the signer is not certified by the organisation's CA (") +
               X509_verify_cert_error_string(X509_STORE_CTX_get_error(ctx.get())) + ")";
    if (X509_cmp(signer, ca.get()) == 0) return "";
    const bool codeSigning = (X509_get_extension_flags(signer) & EXFLAG_XKUSAGE) != 0 &&
                             (X509_get_extended_key_usage(signer) & XKU_CODE_SIGN) != 0;
    if (!codeSigning)
        return "the signer's certificate is not for signing content (it lacks the codeSigning key usage)";
    return "";
}

} // namespace

std::string contentSignedBytes(const ContentUpdate& update) {
    // nlohmann's objects keep their keys sorted, so dump() is canonical for a given value.
    return nlohmann::json{{"kind", kContentSignedKind}, {"version", update.version}, {"files", update.files}}
        .dump();
}

ContentUpdate signContentUpdate(ContentUpdate update, const std::string& keyPem,
                                const std::string& signerPem) {
    Cert signer = readCertificate(signerPem);
    if (!signer) throw std::runtime_error("the signer's certificate cannot be read (PEM expected)");
    Bio bio = memoryBio(keyPem);
    Key key(bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr) : nullptr, &EVP_PKEY_free);
    if (!key)
        throw std::runtime_error("the signing key cannot be read (an unencrypted PEM private key expected)");
    if (X509_check_private_key(signer.get(), key.get()) != 1)
        throw std::runtime_error("the signing key is not the key of the signer's certificate");
    const std::string bytes = contentSignedBytes(update);
    MdCtx ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    std::size_t length = 0;
    if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, digestFor(key.get()), nullptr, key.get()) != 1 ||
        EVP_DigestSign(ctx.get(), nullptr, &length, reinterpret_cast<const unsigned char*>(bytes.data()),
                       bytes.size()) != 1)
        throw std::runtime_error("the content could not be signed with this key");
    std::vector<unsigned char> signature(length);
    if (EVP_DigestSign(ctx.get(), signature.data(), &length,
                       reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size()) != 1)
        throw std::runtime_error("the content could not be signed with this key");
    signature.resize(length);
    update.signature = toBase64(signature);
    update.signerPem = signerPem;
    return update;
}

std::string contentSignatureProblem(const ContentUpdate& update, const std::string& caPem) {
    if (update.signature.empty() || update.signerPem.empty()) return "the update is not signed";
    Cert signer = readCertificate(update.signerPem);
    if (!signer) return "the signer's certificate cannot be read";
    if (!caPem.empty()) {
        if (std::string problem = signerProblem(signer.get(), caPem); !problem.empty()) return problem;
    }
    std::vector<unsigned char> signature;
    if (!fromBase64(update.signature, signature)) return "the signature is not base64";
    Key key(X509_get_pubkey(signer.get()), &EVP_PKEY_free);
    if (!key) return "the signer's certificate holds no usable key";
    const std::string bytes = contentSignedBytes(update);
    MdCtx ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    if (!ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, digestFor(key.get()), nullptr, key.get()) != 1)
        return "the signature could not be checked";
    if (EVP_DigestVerify(ctx.get(), signature.data(), signature.size(),
                         reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size()) != 1)
        return "the signature does not match the content (changed after it was signed)";
    return "";
}

} // namespace heard::sync
