#include "server/org_config.h"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <fstream>
#include <memory>
#include <ostream>
#include <sstream>
#include <stdexcept>

namespace heard::server {

std::string spkiSha256Hex(const std::string& pem) {
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())),
                                                  &BIO_free);
    if (!bio) throw std::runtime_error("out of memory");
    std::unique_ptr<X509, decltype(&X509_free)> cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr),
                                                     &X509_free);
    if (!cert) throw std::runtime_error("the CA file holds no PEM certificate");
    X509_PUBKEY* key = X509_get_X509_PUBKEY(cert.get());
    unsigned char* der = nullptr;
    int length = key ? i2d_X509_PUBKEY(key, &der) : -1;
    if (length <= 0) throw std::runtime_error("cannot read the CA certificate's public key");
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int digestLength = 0;
    bool ok =
        EVP_Digest(der, static_cast<std::size_t>(length), digest, &digestLength, EVP_sha256(), nullptr) == 1;
    OPENSSL_free(der);
    if (!ok) throw std::runtime_error("SHA-256 failed");
    static const char* hex = "0123456789abcdef";
    std::string out;
    for (unsigned int i = 0; i < digestLength; ++i) {
        out += hex[digest[i] >> 4];
        out += hex[digest[i] & 15];
    }
    return out;
}

nlohmann::json organisationConfig(const std::string& host, int port, const std::string& caPem) {
    return {{"format", "heard-organisation-v1"},
            {"server", host},
            {"port", port},
            {"caSpkiSha256", spkiSha256Hex(caPem)},
            {"caPem", caPem}};
}

int runEnrolmentConfigCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    std::string host, caPath;
    int port = 0;
    for (std::size_t i = 0; i + 1 < args.size(); i += 2) {
        if (args[i] == "--host")
            host = args[i + 1];
        else if (args[i] == "--port")
            port = std::atoi(args[i + 1].c_str());
        else if (args[i] == "--ca")
            caPath = args[i + 1];
        else
            host.clear(); // unknown flag: usage below
    }
    if (args.size() % 2 != 0 || host.empty() || caPath.empty() || port <= 0 || port > 65535) {
        err << "usage: heard-server admin enrolment-config --host <server name> --port <1-65535> --ca <CA "
               "certificate PEM>\n";
        return 2;
    }
    std::ifstream file(caPath, std::ios::binary);
    if (!file) {
        err << "cannot read " << caPath << '\n';
        return 1;
    }
    std::stringstream pem;
    pem << file.rdbuf();
    try {
        out << organisationConfig(host, port, pem.str()).dump() << '\n';
        return 0;
    } catch (const std::exception& e) {
        err << "enrolment-config failed: " << e.what() << '\n';
        return 1;
    }
}

} // namespace heard::server
