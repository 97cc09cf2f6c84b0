import { createHash } from 'node:crypto'
import forge from 'node-forge'

const { asn1 } = forge
const U = asn1.Class.UNIVERSAL

/** id-aa-signingCertificateV2 (RFC 5035): the signed attribute that binds a CAdES signature to its certificate. */
export const OID_SIGNING_CERTIFICATE_V2 = '1.2.840.113549.1.9.16.2.47'
export const OID_SIGNING_TIME = '1.2.840.113549.1.9.5'

/**
 * The signing-certificate-v2 attribute for a certificate:
 *
 *   Attribute { id-aa-signingCertificateV2, SET { SigningCertificateV2 { certs SEQUENCE { ESSCertIDv2 { certHash } } } } }
 *
 * ESSCertIDv2's hash algorithm is left out because SHA-256 is its default (DER omits a default),
 * and so is issuerSerial: the hash already names the certificate, and CAdES baseline profiles
 * advise against it.
 */
export function signingCertificateV2(certificateDer: Buffer): forge.asn1.Asn1 {
  const certHash = createHash('sha256').update(certificateDer).digest().toString('binary')
  return asn1.create(U, asn1.Type.SEQUENCE, true, [
    asn1.create(U, asn1.Type.OID, false, asn1.oidToDer(OID_SIGNING_CERTIFICATE_V2).getBytes()),
    asn1.create(U, asn1.Type.SET, true, [
      asn1.create(U, asn1.Type.SEQUENCE, true, [
        asn1.create(U, asn1.Type.SEQUENCE, true, [asn1.create(U, asn1.Type.SEQUENCE, true, [asn1.create(U, asn1.Type.OCTETSTRING, false, certHash)])]),
      ]),
    ]),
  ])
}

/** The SHA-256 a signing-certificate-v2 attribute's first ESSCertIDv2 gives, or null when it does not have that form. */
export function certHashIn(attribute: forge.asn1.Asn1): Buffer | null {
  const values = attribute.value as forge.asn1.Asn1[]
  const signingCertificate = (values[1]?.value as forge.asn1.Asn1[] | undefined)?.[0]
  const essCertId = ((signingCertificate?.value as forge.asn1.Asn1[] | undefined)?.[0]?.value as forge.asn1.Asn1[] | undefined)?.[0]
  const fields = essCertId?.value as forge.asn1.Asn1[] | undefined
  if (!fields?.length) return null
  // An AlgorithmIdentifier first means a hash other than the default SHA-256: not one this app makes.
  if (fields[0]!.type !== asn1.Type.OCTETSTRING) return null
  return Buffer.from(fields[0]!.value as string, 'binary')
}

/** The OID an Attribute (SEQUENCE { type, SET OF value }) names. */
export function attributeType(attribute: forge.asn1.Asn1): string {
  return asn1.derToOid((attribute.value as forge.asn1.Asn1[])[0]!.value as string)
}

/**
 * Attributes in the order DER gives a SET OF: by their encodings, compared byte by byte. The
 * signature is over this SET's DER, and a validator that re-encodes it must find the same bytes.
 */
export function derSorted(attributes: forge.asn1.Asn1[]): forge.asn1.Asn1[] {
  const der = (a: forge.asn1.Asn1) => Buffer.from(asn1.toDer(a).getBytes(), 'binary')
  return attributes
    .map((a) => ({ a, bytes: der(a) }))
    .sort((x, y) => Buffer.compare(x.bytes, y.bytes))
    .map(({ a }) => a)
}
