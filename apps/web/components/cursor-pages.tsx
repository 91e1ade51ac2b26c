export { CursorPager, type CursorPages, useCursorPages } from '@levqor/app-kit/cursor-pages';
