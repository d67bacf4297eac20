/**
 * Exports for sensors and other platforms: a STIX 2.1 bundle, Zeek Intel files, Suricata dataset
 * files, CSV, a MISP event and an ATT&amp;CK Navigator layer. Every export respects TLP as a partner
 * would receive it ({@link org.threatledger.exports.ExportOptions#maxTlp()}); RED never leaves.
 * {@link org.threatledger.exports.Exports#run} is the one entry point; formats are
 * {@link org.threatledger.exports.Exporter}s registered in {@link org.threatledger.exports.Exporters}.
 */
package org.threatledger.exports;
