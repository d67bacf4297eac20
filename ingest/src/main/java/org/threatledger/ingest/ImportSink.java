package org.threatledger.ingest;

import org.threatledger.stix.IocEntry;
import org.threatledger.stix.StixObject;

/** Where an importer puts what it read. Calls come from the importer's thread, in document order. */
public interface ImportSink {
    /** A STIX 2.1 object (already upgraded from 2.0 where needed). */
    void object(StixObject object);

    /** An atomic indicator of a list; its list object has been passed to {@link #object} first. */
    void entry(IocEntry entry);

    /** A record that was not taken, and why. */
    void reject(Rejection rejection);

    /** Something taken with a caveat, or a part of a record that could not be mapped. */
    void warn(Rejection warning);
}
