package org.threatledger.telemetry;

import java.util.List;

/**
 * One Zeek record, TSV or JSON, seen through the same accessors so that the log adapters
 * ({@link ZeekLogs}) and the STIX view ({@link ZeekObserved}) are written once.
 */
interface ZeekRecord {
    /** The field's text; null when it is unset or absent, "" when empty. */
    String text(ZeekField f);

    /** The field's text in ASCII lower case, decoded with one allocation; null when unset or absent. */
    String lowerText(ZeekField f);

    /** The elements of a set or vector field; empty when unset, absent or empty. */
    List<String> texts(ZeekField f);

    /** Any field by its dotted name (for mappings); null when unset or absent. */
    String text(String dottedName);

    /** A copy that stays valid after the current line's buffer is reused. */
    ZeekRecord snapshot();
}
