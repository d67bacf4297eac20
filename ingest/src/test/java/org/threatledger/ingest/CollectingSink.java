package org.threatledger.ingest;

import java.util.ArrayList;
import java.util.List;
import org.threatledger.stix.IocEntry;
import org.threatledger.stix.StixObject;

/** Keeps everything an importer passes on, in order. */
public class CollectingSink implements ImportSink {
    public final List<StixObject> objects = new ArrayList<>();
    public final List<IocEntry> entries = new ArrayList<>();
    public final List<Rejection> rejections = new ArrayList<>();
    public final List<Rejection> warnings = new ArrayList<>();

    @Override
    public void object(StixObject object) {
        objects.add(object);
    }

    @Override
    public void entry(IocEntry entry) {
        entries.add(entry);
    }

    @Override
    public void reject(Rejection rejection) {
        rejections.add(rejection);
    }

    @Override
    public void warn(Rejection warning) {
        warnings.add(warning);
    }
}
