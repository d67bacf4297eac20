package org.threatledger.stix;

import java.util.Set;

/**
 * The open vocabularies of STIX 2.1 §10, as listed in the OASIS JSON schemas (the schema's
 * region-ov joins four values by mistake; they are split here as the spec lists them).
 * A value outside its vocabulary is allowed by the spec, so the validator only warns.
 */
public final class Vocabularies {
    public static final Set<String> ACCOUNT_TYPE = Set.of(
            "unix", "windows-local", "windows-domain", "ldap", "tacacs", "radius", "nis", "openid",
            "facebook", "skype", "twitter", "kavi");
    public static final Set<String> ATTACK_MOTIVATION = Set.of(
            "accidental", "coercion", "dominance", "ideology", "notoriety", "organizational-gain",
            "personal-gain", "personal-satisfaction", "revenge", "unpredictable");
    public static final Set<String> ATTACK_RESOURCE_LEVEL = Set.of(
            "individual", "club", "contest", "team", "organization", "government");
    public static final Set<String> GROUPING_CONTEXT = Set.of("suspicious-activity", "malware-analysis", "unspecified");
    public static final Set<String> HASH_ALGORITHM = Set.of(
            "MD5", "SHA-1", "SHA-256", "SHA-512", "SHA3-256", "SHA3-512", "SSDEEP", "TLSH");
    public static final Set<String> IDENTITY_CLASS = Set.of(
            "individual", "group", "system", "organization", "class", "unknown");
    public static final Set<String> IMPLEMENTATION_LANGUAGE = Set.of(
            "applescript", "bash", "c", "c++", "c#", "go", "java", "javascript", "lua", "objective-c",
            "perl", "php", "powershell", "python", "ruby", "scala", "swift", "typescript",
            "visual-basic", "x86-32", "x86-64");
    public static final Set<String> INDICATOR_TYPE = Set.of(
            "anomalous-activity", "anonymization", "benign", "compromised", "malicious-activity",
            "attribution", "unknown");
    public static final Set<String> INDUSTRY_SECTOR = Set.of(
            "agriculture", "aerospace", "automotive", "chemical", "commercial", "communications",
            "construction", "defense", "education", "energy", "engineering", "entertainment",
            "financial-services", "government", "emergency-services", "government-local",
            "government-national", "government-public-services", "government-regional", "healthcare",
            "hospitality-leisure", "infrastructure", "dams", "nuclear", "water", "insurance",
            "manufacturing", "mining", "non-profit", "pharmaceuticals", "retail", "technology",
            "telecommunications", "transportation", "utilities");
    public static final Set<String> INFRASTRUCTURE_TYPE = Set.of(
            "amplification", "anonymization", "botnet", "command-and-control", "control-system",
            "exfiltration", "firewall", "hosting-malware", "hosting-target-lists", "phishing",
            "reconnaissance", "routers-switches", "staging", "workstation", "unknown");
    public static final Set<String> MALWARE_AV_RESULT = Set.of("malicious", "suspicious", "benign", "unknown");
    public static final Set<String> MALWARE_CAPABILITIES = Set.of(
            "accesses-remote-machines", "anti-debugging", "anti-disassembly", "anti-emulation",
            "anti-memory-forensics", "anti-sandbox", "anti-vm", "captures-input-peripherals",
            "captures-output-peripherals", "captures-system-state-data", "cleans-traces-of-infection",
            "commits-fraud", "communicates-with-c2", "compromises-data-availability",
            "compromises-data-integrity", "compromises-system-availability", "controls-local-machine",
            "degrades-security-software", "degrades-system-updates", "determines-c2-server",
            "emails-spam", "escalates-privileges", "evades-av", "exfiltrates-data", "fingerprints-host",
            "hides-artifacts", "hides-executing-code", "infects-files", "infects-remote-machines",
            "installs-other-components", "persists-after-system-reboot", "prevents-artifact-access",
            "prevents-artifact-deletion", "probes-network-environment", "self-modifies",
            "steals-authentication-credentials", "violates-system-operational-integrity");
    public static final Set<String> MALWARE_TYPE = Set.of(
            "adware", "backdoor", "bot", "bootkit", "ddos", "downloader", "dropper", "exploit-kit",
            "keylogger", "ransomware", "remote-access-trojan", "resource-exploitation",
            "rogue-security-software", "rootkit", "screen-capture", "spyware", "trojan", "unknown",
            "virus", "webshell", "wiper", "worm");
    public static final Set<String> PATTERN_TYPE = Set.of("stix", "pcre", "sigma", "snort", "suricata", "yara");
    public static final Set<String> PROCESSOR_ARCHITECTURE = Set.of(
            "alpha", "arm", "ia-64", "mips", "powerpc", "sparc", "x86", "x86-64");
    public static final Set<String> REGION = Set.of(
            "africa", "eastern-africa", "middle-africa", "northern-africa", "southern-africa",
            "western-africa", "americas", "latin-america-caribbean", "south-america", "caribbean",
            "central-america", "northern-america", "asia", "central-asia", "eastern-asia",
            "southern-asia", "south-eastern-asia", "western-asia", "europe", "eastern-europe",
            "northern-europe", "southern-europe", "western-europe", "oceania", "antarctica",
            "australia-new-zealand", "melanesia", "micronesia", "polynesia");
    public static final Set<String> REPORT_TYPE = Set.of(
            "attack-pattern", "campaign", "identity", "indicator", "intrusion-set", "malware",
            "observed-data", "threat-actor", "threat-report", "tool", "vulnerability");
    public static final Set<String> THREAT_ACTOR_ROLE = Set.of(
            "agent", "director", "independent", "infrastructure-architect", "infrastructure-operator",
            "malware-author", "sponsor");
    public static final Set<String> THREAT_ACTOR_SOPHISTICATION = Set.of(
            "none", "minimal", "intermediate", "advanced", "expert", "innovator", "strategic");
    public static final Set<String> THREAT_ACTOR_TYPE = Set.of(
            "activist", "competitor", "crime-syndicate", "criminal", "hacker", "insider-accidental",
            "insider-disgruntled", "nation-state", "sensationalist", "spy", "terrorist", "unknown");
    public static final Set<String> TOOL_TYPE = Set.of(
            "denial-of-service", "exploitation", "information-gathering", "network-capture",
            "credential-exploitation", "remote-access", "vulnerability-scanning", "unknown");
    public static final Set<String> ENCRYPTION_ALGORITHM = Set.of("AES-256-GCM", "ChaCha20-Poly1305", "mime-type-indicated");
    public static final Set<String> WINDOWS_PEBINARY_TYPE = Set.of("exe", "dll", "sys");
    /** The enumeration (closed) of opinion values (STIX 2.1 §10.6). */
    public static final Set<String> OPINION = Set.of(
            "strongly-disagree", "disagree", "neutral", "agree", "strongly-agree");
    /** Relationship types every SDO may use with any other (STIX 2.1 §5.1). */
    public static final Set<String> COMMON_RELATIONSHIPS = Set.of("derived-from", "duplicate-of", "related-to");

    private Vocabularies() {}
}
