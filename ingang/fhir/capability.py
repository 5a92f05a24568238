"""The CapabilityStatement served at /fhir/R4/metadata."""

from fhir.resources.R4B.capabilitystatement import CapabilityStatement

PATIENT_SEARCH = [
    {"name": "identifier", "type": "token", "documentation": "urn:oid:1.2.752.129.2.1.3.1|nr"},
    {"name": "_id", "type": "token"},
]
BY_PATIENT = [{"name": "patient", "type": "reference"}]

RESOURCES = {
    "Patient": PATIENT_SEARCH,
    "Consent": BY_PATIENT,
    "CarePlan": BY_PATIENT,
    "Goal": BY_PATIENT,
    "CareTeam": BY_PATIENT,
    "Questionnaire": [],
    "QuestionnaireResponse": BY_PATIENT,
    "Appointment": BY_PATIENT,
    "Task": BY_PATIENT,
    "DetectedIssue": BY_PATIENT,
    "AuditEvent": BY_PATIENT,
}


def capability_statement(base_url: str) -> CapabilityStatement:
    return CapabilityStatement.model_validate(
        {
            "resourceType": "CapabilityStatement",
            "status": "active",
            "date": "2026-11-01",
            "kind": "instance",
            "publisher": "Ingång",
            "software": {"name": "Ingång"},
            "implementation": {"description": "Ingång FHIR R4 facade", "url": base_url},
            "fhirVersion": "4.3.0",
            "format": ["application/fhir+json"],
            "rest": [
                {
                    "mode": "server",
                    "security": {
                        "description": (
                            "Bearer token of an agency system (scopes read, audit), or a staff "
                            "session. Every read passes the access gate and is logged; a resource "
                            "the caller may not see answers 404 like a missing one."
                        )
                    },
                    "resource": [
                        {
                            "type": name,
                            "interaction": [{"code": "read"}, {"code": "search-type"}],
                            "searchParam": params or None,
                        }
                        if params
                        else {
                            "type": name,
                            "interaction": [{"code": "read"}, {"code": "search-type"}],
                        }
                        for name, params in RESOURCES.items()
                    ],
                }
            ],
        }
    )
