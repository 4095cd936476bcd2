// A first-screen card a user closed stays closed for them in this browser (localStorage per user).
import { useState } from 'react';

export function useDismissed(card: string, userId: string | undefined) {
  const key = userId ? `playmaker.${card}.dismissed.${userId}` : null;
  const read = () => {
    try {
      return key !== null && localStorage.getItem(key) === '1';
    } catch {
      return false;
    }
  };
  const [dismissed, setDismissed] = useState(read);
  const dismiss = () => {
    try {
      if (key) localStorage.setItem(key, '1');
    } catch {
      // Private mode without storage: hidden for this visit only.
    }
    setDismissed(true);
  };
  return { dismissed: dismissed || read(), dismiss };
}
