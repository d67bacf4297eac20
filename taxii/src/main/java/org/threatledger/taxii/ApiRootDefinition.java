package org.threatledger.taxii;

/** A TAXII API root: its path segment under {@code /taxii2/}, title and description. */
public record ApiRootDefinition(String name, String title, String description) {
}
