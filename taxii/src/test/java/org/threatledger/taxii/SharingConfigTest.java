package org.threatledger.taxii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.threatledger.stix.Tlp;

class SharingConfigTest {
    @TempDir
    Path home;

    @Test
    void saveThenLoad_roundTrips() {
        Path file = home.resolve(SharingConfig.FILE);
        SharingConfig c = SharingConfig.initial()
                .withCollection(new CollectionDefinition("ind", "intel", "Indicators", null, "type = indicator AND tlp <= green"))
                .withPartner(new Partner("acme", Authenticator.hash("s"), Tlp.AMBER, List.of("ind"), List.of(), false, false,
                        EnumSet.of(Partner.Redaction.VICTIMS)));
        c.save(file);

        assertThat(SharingConfig.load(file)).isEqualTo(c);
    }

    @Test
    void unknownProperty_andBadTlp_failNamingThem() throws IOException {
        Path file = home.resolve(SharingConfig.FILE);
        Files.writeString(file, "{\"titel\":\"x\"}");
        assertThatThrownBy(() -> SharingConfig.load(file)).hasMessageContaining("'titel'");
        Files.writeString(file, "{\"partners\":[{\"name\":\"a\",\"secret_hash\":\"h\",\"max_tlp\":\"pink\"}]}");
        assertThatThrownBy(() -> SharingConfig.load(file)).hasMessageContaining("'pink'");
    }

    @Test
    void partnerTlps_redNever_amberStrictOnlyOwnOrg() {
        Partner own = new Partner("own", "h", Tlp.RED, List.of(), List.of(), true, false, EnumSet.noneOf(Partner.Redaction.class));
        Partner other = new Partner("o", "h", Tlp.AMBER_STRICT, List.of(), List.of(), false, false, EnumSet.noneOf(Partner.Redaction.class));

        assertThat(own.allowedTlps()).containsExactlyInAnyOrder(Tlp.CLEAR, Tlp.GREEN, Tlp.AMBER, Tlp.AMBER_STRICT);
        assertThat(other.allowedTlps()).containsExactlyInAnyOrder(Tlp.CLEAR, Tlp.GREEN, Tlp.AMBER);
    }

    @Test
    void authenticator_basicAndBearer_revokedRefused() {
        String hash = Authenticator.hash("secret");
        Partner acme = new Partner("acme", hash, Tlp.GREEN, List.of(), List.of(), false, false, EnumSet.noneOf(Partner.Redaction.class));
        Partner gone = new Partner("gone", hash, Tlp.GREEN, List.of(), List.of(), false, true, EnumSet.noneOf(Partner.Redaction.class));
        Authenticator auth = new Authenticator(List.of(acme, gone));
        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString("acme:secret".getBytes());

        assertThat(auth.authenticate(basic)).contains(acme);
        assertThat(auth.authenticate(basic)).contains(acme);
        assertThat(auth.authenticate("Bearer acme.secret")).contains(acme);
        assertThat(auth.authenticate("Bearer acme.wrong")).isEmpty();
        assertThat(auth.authenticate("Bearer gone.secret")).isEmpty();
        assertThat(auth.authenticate("Bearer nobody.secret")).isEmpty();
        assertThat(hash).startsWith("$argon2id$");
    }
}
