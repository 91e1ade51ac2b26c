export { AppShell, type AppShellProps } from './app-shell';
export { Cents } from './cents';
export {
  BarChart,
  type BarDatum,
  type ChartCategory,
  type ChartProps,
  type ChartSeries,
  LineChart,
  SERIES_COLOURS,
  Sparkline,
  StackedBarChart,
} from './charts';
export { CodeBlock } from './code-block';
export {
  Alert,
  Badge,
  Button,
  buttonClass,
  Card,
  EmptyState,
  Field,
  Input,
  PageHeader,
  Skeleton,
} from './components';
export { ConfirmDialog, type ConfirmDialogProps } from './confirm-dialog';
export { CopyButton } from './copy-button';
export { DescriptionList, Stat, Timeline, type TimelineItem } from './data-display';
export { type Column, DataTable } from './data-table';
export { DateTime, useHydrated } from './date-time';
export { type ParsedDollars, parseDollars } from './dollars';
export { type FilterField, FilterForm, PageLinks } from './filter-form';
export { Select, Textarea } from './form-controls';
export { formatCents, formatDateTime, formatDuration, formatJson } from './format';
export { JsonView } from './json-view';
export { Meter, type MeterProps } from './meter';
export { Modal, type ModalProps } from './modal';
export { type NavItem, NavLinks } from './nav-links';
export { Pagination, type PaginationProps } from './pagination';
export {
  type PlainSeries,
  PointsSparkline,
  SeriesChart,
  type SeriesChartProps,
  type ValueFormat,
} from './series-charts';
export { SkipLink } from './skip-link';
export { StatusBadge } from './status-badge';
export { TableScroll } from './table-scroll';
