import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import './globals.css';

export const metadata: Metadata = {
  // A page names itself ('Cases', an account's id); the product's name follows it, here and nowhere else.
  title: { default: 'Distillwatch', template: '%s · Distillwatch' },
  description: 'Detect and investigate model-distillation campaigns',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
