package io.wharf.identity.token;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import io.wharf.common.security.WharfSecurityProperties;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;
import io.wharf.identity.config.IdentityDatabase;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The RS256 key pair that signs every token, kept in identity's database (collection
 * {@code signing_keys}) so that replicas and restarts share it. The first start creates it with an
 * insert-if-absent on a fixed id: when two replicas start together, one insert wins and both use
 * the stored key. The private key is stored encrypted ({@link PrivateKeyCipher}).
 */
@Component
class SigningKeyStore {

    static final String COLLECTION = "signing_keys";
    static final String CURRENT = "current";
    private static final Logger LOG = LoggerFactory.getLogger(SigningKeyStore.class);

    private final RSAKey key;

    SigningKeyStore(IdentityDatabase database, WharfSecurityProperties security,
            Clock clock) {
        PrivateKeyCipher cipher = new PrivateKeyCipher(security.internalSecret());
        MongoCollection<Document> keys = database.mongo().getCollection(COLLECTION);
        Document stored = keys.find(Filters.eq("_id", CURRENT)).first();
        if (stored == null) {
            try {
                keys.insertOne(create(cipher, clock));
                LOG.info("Created the token signing key");
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                // another replica was first: use its key
            }
            stored = keys.find(Filters.eq("_id", CURRENT)).first();
        }
        this.key = load(stored, cipher);
    }

    /** The private signing key (with its public half and key id). */
    RSAKey signingKey() {
        return key;
    }

    /** What {@code GET /api/auth/jwks} publishes: public keys only. */
    JWKSet publicKeys() {
        return new JWKSet(key.toPublicJWK());
    }

    private static Document create(PrivateKeyCipher cipher, Clock clock) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            String kid = UUID.randomUUID().toString();
            Base64.Encoder b64 = Base64.getEncoder();
            return new Document("_id", CURRENT)
                    .append("kid", kid)
                    .append("alg", "RS256")
                    .append("publicKey", b64.encodeToString(pair.getPublic().getEncoded()))
                    .append("privateKey", b64.encodeToString(cipher.encrypt(pair.getPrivate().getEncoded(), kid)))
                    .append("createdAt", Date.from(clock.instant()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot create an RSA key pair", e);
        }
    }

    private static RSAKey load(Document stored, PrivateKeyCipher cipher) {
        try {
            String kid = stored.getString("kid");
            Base64.Decoder b64 = Base64.getDecoder();
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            RSAPublicKey publicKey = (RSAPublicKey) rsa.generatePublic(
                    new X509EncodedKeySpec(b64.decode(stored.getString("publicKey"))));
            RSAPrivateKey privateKey = (RSAPrivateKey) rsa.generatePrivate(
                    new PKCS8EncodedKeySpec(cipher.decrypt(b64.decode(stored.getString("privateKey")), kid)));
            return new RSAKey.Builder(publicKey).privateKey(privateKey).keyID(kid)
                    .keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The stored signing key is unreadable", e);
        }
    }
}
