// Who is at the bench on this tablet: kept across reloads, cleared by signing out.
import { create } from 'zustand';
import { persist } from 'zustand/middleware';

interface SessionState {
  staffId: string | null;
  signIn: (staffId: string) => void;
  signOut: () => void;
}

/** Changing this key signs everyone out of every tablet once; harmless but surprising. */
const SESSION_STORAGE_KEY = 'loupe.session';

export const useSession = create<SessionState>()(
  persist(
    (set) => ({
      staffId: null,
      signIn: (staffId) => {
        set({ staffId });
      },
      signOut: () => {
        set({ staffId: null });
      },
    }),
    { name: SESSION_STORAGE_KEY, partialize: (s) => ({ staffId: s.staffId }) },
  ),
);
