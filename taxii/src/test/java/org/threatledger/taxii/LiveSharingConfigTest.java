package org.threatledger.taxii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.threatledger.stix.Tlp;

class LiveSharingConfigTest {
    @TempDir
    Path home;

    private static SharingConfig withPartner(SharingConfig c, String name, Tlp max) {
        return c.withPartner(new Partner(name, "$argon2id$not-checked-here", max, List.of(), List.of(), false, false,
                EnumSet.noneOf(Partner.Redaction.class)));
    }

    @Test
    void atomicRewrite_isSeenByTheNextGet() {
        Path file = home.resolve(SharingConfig.FILE);
        SharingConfig first = withPartner(SharingConfig.initial(), "acme", Tlp.AMBER);
        first.save(file);
        LiveSharingConfig live = LiveSharingConfig.watch(file);
        assertThat(live.get()).isEqualTo(first);
        assertThat(live.get()).as("unchanged file: the same configuration object").isSameAs(live.get());

        SharingConfig second = withPartner(first, "acme", Tlp.GREEN);
        second.save(file);

        assertThat(live.get().partner("acme").orElseThrow().maxTlp()).isEqualTo(Tlp.GREEN);
    }

    @Test
    void inPlaceRewrite_sameSizeAndTimestamp_isStillSeen() throws IOException {
        Path file = home.resolve(SharingConfig.FILE);
        withPartner(SharingConfig.initial(), "acme", Tlp.AMBER).save(file);
        String text = Files.readString(file);
        FileTime stamp = Files.getLastModifiedTime(file);
        LiveSharingConfig live = LiveSharingConfig.watch(file);
        assertThat(live.get().partner("acme").orElseThrow().maxTlp()).isEqualTo(Tlp.AMBER);

        // The same length ("amber" -> "green") written over the same inode, the timestamp put back:
        // only the content tells, and the file was written too recently to trust the attributes.
        Files.writeString(file, text.replace("\"max_tlp\" : \"amber\"", "\"max_tlp\" : \"green\""));
        Files.setLastModifiedTime(file, stamp);

        assertThat(live.get().partner("acme").orElseThrow().maxTlp()).isEqualTo(Tlp.GREEN);
    }

    @Test
    void badOrMissingFile_keepsTheLastGoodConfiguration() throws IOException {
        Path file = home.resolve(SharingConfig.FILE);
        SharingConfig good = withPartner(SharingConfig.initial(), "acme", Tlp.GREEN);
        good.save(file);
        LiveSharingConfig live = LiveSharingConfig.watch(file);

        Files.writeString(file, "{\"partners\": [");
        assertThat(live.get()).isEqualTo(good);
        Files.writeString(file, "{\"titel\": \"x\"}");
        assertThat(live.get()).isEqualTo(good);
        Files.delete(file);
        assertThat(live.get()).isEqualTo(good);

        SharingConfig fixed = withPartner(good, "beta", Tlp.CLEAR);
        fixed.save(file);
        assertThat(live.get()).isEqualTo(fixed);
    }

    @Test
    void badFileAtStart_failsNamingIt() throws IOException {
        Path file = home.resolve(SharingConfig.FILE);
        Files.writeString(file, "{\"partners\": [");

        assertThatThrownBy(() -> LiveSharingConfig.watch(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("malformed JSON");
    }
}
