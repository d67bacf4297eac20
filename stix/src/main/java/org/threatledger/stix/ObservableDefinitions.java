package org.threatledger.stix;

import static org.threatledger.stix.StixType.Kind.META;
import static org.threatledger.stix.StixType.Kind.SCO;
import static org.threatledger.stix.StixType.Value.BINARY;
import static org.threatledger.stix.StixType.Value.DICTIONARY;
import static org.threatledger.stix.StixType.Value.HASHES;
import static org.threatledger.stix.StixType.Value.HEX;
import static org.threatledger.stix.StixType.Value.OBJECT_LIST;
import static org.threatledger.stix.StixType.Value.STRING;
import static org.threatledger.stix.StixType.Value.STRING_LIST;

import java.util.List;
import org.threatledger.stix.StixType.Kind;
import org.threatledger.stix.StixType.Targets;

/**
 * The 18 cyber-observable objects of STIX 2.1 §6 and the three meta objects of §7, transcribed
 * from the OASIS JSON schemas. SCO reference targets follow the spec text (the schemas type them
 * as plain strings).
 */
final class ObservableDefinitions {
    private static final Targets ADDRESS = Targets.of("ipv4-addr", "ipv6-addr", "mac-addr", "domain-name");

    private ObservableDefinitions() {}

    private static TypeBuilder sco(String name) {
        return TypeBuilder.of(name, SCO).text("spec_version").flags("defanged").props(DICTIONARY, "extensions");
    }

    static List<StixType> scos() {
        return List.of(
                sco("artifact").oneOf("payload_bin", "url").text("mime_type", "url", "decryption_key")
                        .props(BINARY, "payload_bin").props(HASHES, "hashes")
                        .vocab("encryption_algorithm", STRING, Vocabularies.ENCRYPTION_ALGORITHM).build(),
                sco("autonomous-system").required("number").ints("number").text("name", "rir").build(),
                sco("directory").required("path").text("path", "path_enc").times("ctime", "mtime", "atime")
                        .ref("contains_refs", "file", "directory").build(),
                sco("domain-name").required("value").text("value")
                        .ref("resolves_to_refs", "ipv4-addr", "ipv6-addr", "domain-name").build(),
                sco("email-addr").required("value").text("value", "display_name")
                        .ref("belongs_to_ref", "user-account").build(),
                emailMessage(),
                sco("file").oneOf("hashes", "name").props(HASHES, "hashes").ints("size")
                        .text("name", "name_enc", "mime_type").props(HEX, "magic_number_hex")
                        .times("ctime", "mtime", "atime")
                        .ref("parent_directory_ref", "directory").ref("contains_refs", Targets.kinds(Kind.SCO))
                        .ref("content_ref", "artifact").build(),
                sco("ipv4-addr").required("value").text("value")
                        .ref("resolves_to_refs", "mac-addr").ref("belongs_to_refs", "autonomous-system").build(),
                sco("ipv6-addr").required("value").text("value")
                        .ref("resolves_to_refs", "mac-addr").ref("belongs_to_refs", "autonomous-system").build(),
                sco("mac-addr").required("value").text("value").build(),
                sco("mutex").required("name").text("name").build(),
                networkTraffic(),
                sco("process").flags("is_hidden").ints("pid").times("created_time")
                        .text("cwd", "command_line").props(DICTIONARY, "environment_variables")
                        .ref("opened_connection_refs", "network-traffic").ref("creator_user_ref", "user-account")
                        .ref("image_ref", "file").ref("parent_ref", "process").ref("child_refs", "process").build(),
                sco("software").required("name").text("name", "cpe", "swid", "vendor", "version")
                        .texts("languages").build(),
                sco("url").required("value").text("value").build(),
                sco("user-account").text("user_id", "credential", "account_login", "display_name")
                        .vocab("account_type", STRING, Vocabularies.ACCOUNT_TYPE)
                        .flags("is_service_account", "is_privileged", "can_escalate_privs", "is_disabled")
                        .times("account_created", "account_expires", "credential_last_changed",
                                "account_first_login", "account_last_login").build(),
                sco("windows-registry-key").text("key").props(OBJECT_LIST, "values").times("modified_time")
                        .ref("creator_user_ref", "user-account").ints("number_of_subkeys").build(),
                sco("x509-certificate").flags("is_self_signed").props(HASHES, "hashes")
                        .text("version", "serial_number", "signature_algorithm", "issuer", "subject",
                                "subject_public_key_algorithm", "subject_public_key_modulus")
                        .times("validity_not_before", "validity_not_after").ints("subject_public_key_exponent")
                        .props(DICTIONARY, "x509_v3_extensions").build());
    }

    private static StixType emailMessage() {
        return sco("email-message").required("is_multipart").flags("is_multipart").times("date")
                .text("content_type", "message_id", "subject", "body").texts("received_lines")
                .props(DICTIONARY, "additional_header_fields").props(OBJECT_LIST, "body_multipart")
                .ref("from_ref", "email-addr").ref("sender_ref", "email-addr").ref("to_refs", "email-addr")
                .ref("cc_refs", "email-addr").ref("bcc_refs", "email-addr").ref("raw_email_ref", "artifact")
                .build();
    }

    private static StixType networkTraffic() {
        return sco("network-traffic").required("protocols").oneOf("src_ref", "dst_ref")
                .times("start", "end").flags("is_active").texts("protocols")
                .ints("src_port", "dst_port", "src_byte_count", "dst_byte_count", "src_packets", "dst_packets")
                .props(DICTIONARY, "ipfix")
                .ref("src_ref", ADDRESS).ref("dst_ref", ADDRESS)
                .ref("src_payload_ref", "artifact").ref("dst_payload_ref", "artifact")
                .ref("encapsulates_refs", "network-traffic").ref("encapsulated_by_ref", "network-traffic").build();
    }

    static List<StixType> meta() {
        return List.of(
                TypeBuilder.of("marking-definition", META).text("name", "definition_type")
                        .props(DICTIONARY, "definition").build(),
                TypeBuilder.of("language-content", META).required("object_ref", "contents")
                        .ref("object_ref", Targets.kinds(Kind.SDO, Kind.SRO, Kind.SCO))
                        .times("object_modified").props(DICTIONARY, "contents").build(),
                TypeBuilder.of("extension-definition", META)
                        .required("created_by_ref", "name", "schema", "version", "extension_types")
                        .text("name", "description", "schema", "version")
                        .texts("extension_types", "extension_properties").build());
    }
}
