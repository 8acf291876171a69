/** Who is calling a service: the signed-in user (and their session, when there is one). */
export interface Actor {
  userId: string;
  name: string;
  email: string;
  sessionId?: string;
}
