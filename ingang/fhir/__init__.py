"""The FHIR R4 facade (/fhir/R4/)."""
