/** Largest body accepted by /api/auth (a sign-in form is a few hundred bytes). */
export const MAX_AUTH_BODY_BYTES = 16 * 1024;
