#!/usr/bin/env python3
"""Writes Liaison's NIEM 5.2 subset schemas (src/Liaison.Data/Niem/Schemas/niem/) from the release's reference
schemas: only the components Liaison's exchange uses, each copied as the release defines it, with content models
cut to the elements used. NIEM's practice (a subset schema); maintainers run it when the exchange needs more:

    python3 tools/niem/subset.py ../shared/niem/xsd src/Liaison.Data/Niem/Schemas/niem

The ISO 3166 code subset is written by hand (the release's code tables are not shipped in ../shared/niem).
NiemSubsetTests check every element and type here against the release's CSV tables."""
import copy
import sys
import xml.etree.ElementTree as ET

XS = "http://www.w3.org/2001/XMLSchema"
NS = {
    "nc": "http://release.niem.gov/niem/niem-core/5.0/",
    "j": "http://release.niem.gov/niem/domains/jxdm/7.2/",
    "niem-xs": "http://release.niem.gov/niem/proxy/niem-xs/5.0/",
    "structures": "http://release.niem.gov/niem/structures/5.0/",
    "iso_3166": "http://release.niem.gov/niem/codes/iso_3166-1/5.0/",
    "ct": "http://release.niem.gov/niem/conformanceTargets/3.0/",
    "xs": XS,
}

# What the exchange uses, by namespace: elements, then types.
USED = {
    "nc": (
        ["ActivityIdentification", "ActivityDate", "ActivityName", "ActivityDescriptionText", "DateRepresentation", "Date", "DateTime",
         "IdentificationID", "IdentificationCategoryDescriptionText", "RoleOfPerson", "PersonName", "PersonGivenName", "PersonSurName",
         "PersonBirthDate", "PersonBirthLocation", "LocationAddressAbstract", "Address", "AddressCountry", "CountryRepresentation",
         "PersonCitizenship", "PersonCitizenshipCountry", "PersonPrimaryLanguage", "Language", "LanguageRepresentation", "LanguageName",
         "PersonSexAbstract", "PersonSexText", "PersonOtherIdentification", "StatusDescriptionText", "DocumentIdentification",
         "DocumentCreationDate", "OrganizationName"],
        ["ActivityType", "IdentificationType", "DateType", "TextType", "ProperNameTextType", "PersonNameTextType", "PersonType",
         "PersonNameType", "LocationType", "AddressType", "CountryType", "PersonCitizenshipType", "PersonLanguageType", "LanguageType",
         "StatusType", "OrganizationType", "ReleaseType"],
    ),
    "j": (
        ["Booking", "BookingSubject", "SubjectIdentification", "Arrest", "ArrestCharge", "ChargeNCICAbstract", "ChargeNCICText",
         "ChargeSeverityText", "ChargeStatus", "BookingSubjectCustodyTransfer", "CustodyTransferReceivingEnforcementAgency", "BookingRelease"],
        ["BookingType", "SubjectType", "ArrestType", "ChargeType", "CustodyTransferType"],
    ),
    "niem-xs": ([], ["string", "date", "dateTime"]),
}
FILES = {"nc": "niem-core.xsd", "j": "domains/jxdm.xsd", "niem-xs": "adapters/niem-xs.xsd"}
IMPORTS = {
    "nc": ["structures", "niem-xs", "iso_3166"],
    "j": ["structures", "niem-xs", "nc"],
    "niem-xs": ["structures"],
}
LOCATION = {"structures": "utility/structures.xsd", "niem-xs": "adapters/niem-xs.xsd", "nc": "niem-core.xsd", "j": "domains/jxdm.xsd", "iso_3166": "codes/iso_3166.xsd"}


def q(prefix, name):
    return "{%s}%s" % (NS[prefix], name)


def used_names():
    names = set()
    for prefix, (elements, types) in USED.items():
        names |= {f"{prefix}:{n}" for n in elements + types}
    return names | {"iso_3166:CountryAlpha2Code"}


def subset(reference_dir, prefix, used):
    tree = ET.parse(f"{reference_dir}/{FILES[prefix]}")
    root = tree.getroot()
    elements, types = USED[prefix]
    keep = set(elements) | set(types)
    out = ET.Element(q("xs", "schema"), {"targetNamespace": NS[prefix], "version": "1", q("ct", "conformanceTargets"):
                     "http://reference.niem.gov/niem/specification/naming-and-design-rules/5.0/#ReferenceSchemaDocument"})
    for other in ("nc", "j", "niem-xs", "structures", "iso_3166"):
        out.set(f"xmlns:{other}", NS[other])  # prefixes used only inside QName values: ElementTree would not declare them
    doc = ET.SubElement(ET.SubElement(out, q("xs", "annotation")), q("xs", "documentation"))
    doc.text = f"Liaison's subset of NIEM 5.2 {prefix} ({FILES[prefix]}): only the components Liaison's exchange uses."
    for ns in IMPORTS[prefix]:
        ET.SubElement(out, q("xs", "import"), {"namespace": NS[ns], "schemaLocation": relative(FILES[prefix], LOCATION[ns])})
    for child in root:
        name = child.get("name")
        if name not in keep or child.tag not in (q("xs", "element"), q("xs", "complexType"), q("xs", "simpleType")):
            continue
        component = copy.deepcopy(child)
        for annotation in component.iter(q("xs", "annotation")):
            for appinfo in list(annotation.findall(q("xs", "appinfo"))):
                annotation.remove(appinfo)
        for parent in component.iter():
            for item in list(parent):
                ref = item.get("ref")
                if item.tag == q("xs", "element") and ref and ref not in used:
                    parent.remove(item)  # an element this exchange does not use
                elif item.tag == q("xs", "attribute") and ref and not ref.startswith("structures:"):
                    parent.remove(item)  # optional attributes outside structures are not used
        if component.tag == q("xs", "element") and component.get("substitutionGroup") not in (None, *used):
            del component.attrib["substitutionGroup"]
        out.append(component)
        keep.discard(name)
    if keep:
        sys.exit(f"{prefix}: not found in the reference schema: {sorted(keep)}")
    return out


def relative(source, target):
    depth = source.count("/")
    return "../" * depth + target


def main(reference_dir, out_dir):
    for prefix, n in NS.items():
        ET.register_namespace(prefix, n)
    used = used_names()
    for prefix in USED:
        schema = subset(reference_dir, prefix, used)
        ET.indent(schema)
        path = f"{out_dir}/{FILES[prefix]}"
        import os
        os.makedirs(os.path.dirname(path), exist_ok=True)
        ET.ElementTree(schema).write(path, encoding="UTF-8", xml_declaration=True)
    import shutil, os
    os.makedirs(f"{out_dir}/utility", exist_ok=True)
    shutil.copyfile(f"{reference_dir}/utility/structures.xsd", f"{out_dir}/utility/structures.xsd")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
