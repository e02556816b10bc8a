// Store keys carry no phone number, address or client key in the clear: a SHA-256 of it (the store may be a shared
// Redis), 18 bytes in base64url. Used by the apply endpoint and the Idempotency-Key memory.

export async function storeHash(text: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(`recrubo-apply:${text}`));
  return btoa(String.fromCharCode(...new Uint8Array(digest).slice(0, 18)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_');
}
