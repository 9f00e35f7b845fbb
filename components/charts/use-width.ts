'use client';
import { useEffect, useRef, useState } from 'react';

/**
 * The width of a chart's container, followed as it resizes. Server rendering
 * and the first client render use `initial`, so hydration matches; the real
 * width arrives right after.
 */
export function useWidth<T extends HTMLElement>(initial: number) {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(initial);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setWidth(Math.max(120, Math.floor(el.getBoundingClientRect().width)));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return { ref, width };
}
