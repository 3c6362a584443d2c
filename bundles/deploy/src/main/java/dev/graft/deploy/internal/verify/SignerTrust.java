package dev.graft.deploy.internal.verify;

import java.nio.file.Path;
import java.security.CodeSigner;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Whether a jar's signer is trusted: its certificate is in the trust store, or its chain (as the
 * signature carries it) leads to one that is — checked with the JDK's PKIX validator (signatures,
 * validity at the current time, CA constraints; no revocation: removing a file from
 * {@code etc/trust/} is how trust ends).
 */
final class SignerTrust {

    private final TrustStore store;

    SignerTrust(TrustStore store) {
        this.store = store;
    }

    Path folder() {
        return store.folder();
    }

    /** @return null if the signer is trusted; else "signed by SUBJECT, which is not trusted: why" */
    String distrust(CodeSigner signer) {
        @SuppressWarnings("unchecked")
        List<X509Certificate> chain = (List<X509Certificate>) signer.getSignerCertPath().getCertificates();
        String subject = "signed by " + chain.get(0).getSubjectX500Principal().getName();
        List<X509Certificate> trusted = store.certificates();
        if (trusted.isEmpty()) {
            return subject + ", which is not trusted: " + store.folder() + " holds no certificate";
        }
        for (int i = 0; i < chain.size(); i++) {
            if (trusted.contains(chain.get(i))) {
                // the chain reaches a trusted certificate: what lies below it must lead up to it
                return i == 0 ? valid(chain.get(0), subject) : validate(chain.subList(0, i), Set.of(chain.get(i)), subject);
            }
        }
        X509Certificate top = chain.get(chain.size() - 1);
        if (trusted.stream().noneMatch(t -> t.getSubjectX500Principal().equals(top.getIssuerX500Principal()))) {
            return subject + ", which is not trusted: no certificate in " + store.folder() + " is "
                    + (chain.size() == 1 ? "it or its issuer (" : "in its chain or its issuer (")
                    + top.getIssuerX500Principal().getName() + ")";
        }
        return validate(chain, new HashSet<>(trusted), subject);
    }

    private static String valid(X509Certificate certificate, String subject) {
        try {
            certificate.checkValidity();
            return null;
        } catch (CertificateExpiredException e) {
            return subject + ", whose certificate expired on " + certificate.getNotAfter().toInstant();
        } catch (CertificateNotYetValidException e) {
            return subject + ", whose certificate is valid only from " + certificate.getNotBefore().toInstant();
        }
    }

    private static String validate(List<X509Certificate> path, Set<X509Certificate> anchors, String subject) {
        Set<TrustAnchor> trustAnchors = new HashSet<>();
        anchors.forEach(anchor -> trustAnchors.add(new TrustAnchor(anchor, null)));
        try {
            PKIXParameters parameters = new PKIXParameters(trustAnchors);
            parameters.setRevocationEnabled(false);
            CertPathValidator.getInstance("PKIX")
                    .validate(CertificateFactory.getInstance("X.509").generateCertPath(path), parameters);
            return null;
        } catch (GeneralSecurityException e) {
            return subject + ", whose certificate chain does not validate against the trusted certificates: "
                    + e.getMessage();
        }
    }
}
