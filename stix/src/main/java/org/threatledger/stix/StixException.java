package org.threatledger.stix;

/** A STIX document or object that cannot be read; the message names the object, property and value. */
public class StixException extends RuntimeException {
    public StixException(String message) {
        super(message);
    }

    public StixException(String message, Throwable cause) {
        super(message, cause);
    }
}
