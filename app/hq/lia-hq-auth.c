/* lia-hq-auth.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/random.h>

#include <glib/gi18n.h>

#include "lia-error.h"
#include "lia-hq-auth.h"

#define TOKEN_BYTES 32
#define ENROL_SECRET_BYTES 15

static const char base32_alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/* The kernel's CSPRNG: g_random_*() is a Mersenne Twister, predictable
 * from its output and never fit for secrets. */
static void
random_bytes (guint8 *buffer,
              gsize   len)
{
  while (len > 0)
    {
      gssize n = getrandom (buffer, len, 0);

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          g_error ("getrandom failed: %s", g_strerror (errno));
        }
      buffer += n;
      len -= n;
    }
}

/**
 * lia_hq_auth_new_token:
 *
 * Returns: (transfer full): a new device token: 32 random bytes in
 *   base64url without padding, %LIA_HQ_TOKEN_LENGTH characters
 */
char *
lia_hq_auth_new_token (void)
{
  guint8 bytes[TOKEN_BYTES];
  g_autofree char *base64 = NULL;

  random_bytes (bytes, sizeof bytes);
  base64 = g_base64_encode (bytes, sizeof bytes);
  memset (bytes, 0, sizeof bytes);

  g_strdelimit (base64, "+", '-');
  g_strdelimit (base64, "/", '_');
  base64[LIA_HQ_TOKEN_LENGTH] = '\0';   /* drop the one “=” */

  return g_steal_pointer (&base64);
}

gboolean
lia_hq_auth_token_is_wellformed (const char *token)
{
  if (token == NULL || strlen (token) != LIA_HQ_TOKEN_LENGTH)
    return FALSE;

  for (guint i = 0; i < LIA_HQ_TOKEN_LENGTH; i++)
    {
      if (!g_ascii_isalnum (token[i]) && token[i] != '-' && token[i] != '_')
        return FALSE;
    }

  return TRUE;
}

/**
 * lia_hq_auth_new_enrol_secret:
 *
 * Returns: (transfer full): the secret part of a new enrolment code,
 *   %LIA_HQ_ENROL_SECRET_LENGTH base32 characters
 */
char *
lia_hq_auth_new_enrol_secret (void)
{
  guint8 bytes[ENROL_SECRET_BYTES];
  GString *secret = g_string_sized_new (LIA_HQ_ENROL_SECRET_LENGTH);

  random_bytes (bytes, sizeof bytes);

  /* 15 bytes are exactly 24 groups of 5 bits. */
  for (guint i = 0; i < sizeof bytes; i += 5)
    {
      guint64 group = 0;

      for (guint j = 0; j < 5; j++)
        group = (group << 8) | bytes[i + j];
      for (int shift = 35; shift >= 0; shift -= 5)
        g_string_append_c (secret, base32_alphabet[(group >> shift) & 0x1f]);
    }
  memset (bytes, 0, sizeof bytes);

  return g_string_free (secret, FALSE);
}

/**
 * lia_hq_auth_parse_enrol_code:
 * @code: an enrolment code as typed: `LIA1-SECRET-PIN`, `LIA1-SECRET-`
 *   or `LIA1-SECRET`
 *
 * The pin travels in the code for the device's sake; HQ needs only the
 * secret, which it accepts in either case.
 *
 * Returns: (transfer full) (nullable): the secret in upper case, or %NULL
 *   if @code is not an enrolment code
 */
char *
lia_hq_auth_parse_enrol_code (const char *code)
{
  g_autofree char *secret = NULL;
  const char *rest;

  if (code == NULL || g_ascii_strncasecmp (code, LIA_HQ_ENROL_CODE_PREFIX, strlen (LIA_HQ_ENROL_CODE_PREFIX)) != 0)
    return NULL;

  code += strlen (LIA_HQ_ENROL_CODE_PREFIX);
  if (strlen (code) < LIA_HQ_ENROL_SECRET_LENGTH)
    return NULL;

  secret = g_ascii_strup (code, LIA_HQ_ENROL_SECRET_LENGTH);
  if (strspn (secret, base32_alphabet) != LIA_HQ_ENROL_SECRET_LENGTH)
    return NULL;

  /* The pin: base64 of a SHA-256, or nothing. */
  rest = code + LIA_HQ_ENROL_SECRET_LENGTH;
  if (rest[0] != '\0')
    {
      if (rest[0] != '-' || strlen (rest + 1) > 64 ||
          strspn (rest + 1, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=") != strlen (rest + 1))
        return NULL;
    }

  return g_steal_pointer (&secret);
}

/**
 * lia_hq_auth_hash:
 * @secret: a token or an enrolment secret
 *
 * What HQ stores instead of a secret.  The secrets carry 120 bits or more
 * of randomness, so a plain SHA-256 is enough: there is nothing to guess.
 *
 * Returns: (transfer full): the SHA-256 of @secret, in hexadecimal
 */
char *
lia_hq_auth_hash (const char *secret)
{
  g_return_val_if_fail (secret != NULL, NULL);

  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, secret, -1);
}

/**
 * lia_hq_auth_equal:
 * @a: a hash
 * @b: another hash of the same length
 *
 * Compares in time that depends only on the length, so that the time of
 * an answer says nothing about how close a guess was.
 *
 * Returns: %TRUE if @a and @b are equal
 */
gboolean
lia_hq_auth_equal (const char *a,
                   const char *b)
{
  gsize len;
  guint8 diff = 0;

  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  len = strlen (a);
  if (len != strlen (b))
    return FALSE;

  for (gsize i = 0; i < len; i++)
    diff |= (guint8)a[i] ^ (guint8)b[i];

  return diff == 0;
}

/* ---- the public-key pin ------------------------------------------------ */

typedef struct
{
  const guint8 *start;     /* the whole element, tag included */
  const guint8 *content;
  gsize         len;       /* of the whole element */
  guint8        tag;
} DerElement;

/* Reads one DER element (tag, length, content) from [*pos, end). */
static gboolean
der_read (const guint8 **pos,
          const guint8  *end,
          DerElement    *element)
{
  const guint8 *p = *pos;
  gsize content_len;

  if (end - p < 2)
    return FALSE;

  element->start = p;
  element->tag = *p++;
  content_len = *p++;

  if (content_len & 0x80)
    {
      guint n_bytes = content_len & 0x7f;

      if (n_bytes == 0 || n_bytes > 4 || (gsize)(end - p) < n_bytes)
        return FALSE;
      content_len = 0;
      for (guint i = 0; i < n_bytes; i++)
        content_len = (content_len << 8) | *p++;
    }

  if ((gsize)(end - p) < content_len)
    return FALSE;

  element->content = p;
  element->len = (p - element->start) + content_len;
  *pos = p + content_len;

  return TRUE;
}

/**
 * lia_hq_auth_dup_pin:
 * @certificate: HQ's certificate
 * @error: a location for a #GError
 *
 * The pin devices check the server against: the base64 SHA-256 of the
 * certificate's SubjectPublicKeyInfo, as libcurl's CURLOPT_PINNEDPUBLICKEY
 * takes it after “sha256//”.  Pinning the key rather than the certificate
 * lets HQ renew its certificate with the same key.
 *
 * Returns: (transfer full): the pin, or %NULL with @error set
 */
char *
lia_hq_auth_dup_pin (GTlsCertificate  *certificate,
                     GError          **error)
{
  static const guint8 sequence = 0x30;
  g_autoptr(GByteArray) der = NULL;
  g_autoptr(GChecksum) checksum = NULL;
  guint8 digest[32];
  gsize digest_len = sizeof digest;
  const guint8 *pos;
  const guint8 *end;
  DerElement cert;
  DerElement tbs;
  DerElement field;

  g_return_val_if_fail (G_IS_TLS_CERTIFICATE (certificate), NULL);

  g_object_get (certificate, "certificate", &der, NULL);
  if (der == NULL)
    goto malformed;

  /* Certificate ::= SEQUENCE { tbsCertificate SEQUENCE { [0] version
   * (optional), serialNumber, signature, issuer, validity, subject,
   * subjectPublicKeyInfo, … }, … } */
  pos = der->data;
  end = der->data + der->len;
  if (!der_read (&pos, end, &cert) || cert.tag != sequence)
    goto malformed;

  pos = cert.content;
  if (!der_read (&pos, cert.start + cert.len, &tbs) || tbs.tag != sequence)
    goto malformed;

  pos = tbs.content;
  end = tbs.start + tbs.len;
  if (!der_read (&pos, end, &field))
    goto malformed;
  if (field.tag == 0xa0 && !der_read (&pos, end, &field))
    goto malformed;

  /* serialNumber was read; skip signature, issuer, validity and subject. */
  for (guint i = 0; i < 5; i++)
    {
      if (!der_read (&pos, end, &field))
        goto malformed;
    }
  if (field.tag != sequence)
    goto malformed;

  checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_checksum_update (checksum, field.start, field.len);
  g_checksum_get_digest (checksum, digest, &digest_len);

  return g_base64_encode (digest, digest_len);

malformed:
  g_set_error_literal (error, LIA_ERROR, LIA_ERROR_INVALID,
                       _("The certificate could not be read to compute its public-key pin."));
  return NULL;
}
