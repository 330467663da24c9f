// The only file that loads ECharts: the finance route hands it to ngx-echarts as a dynamic import, so
// ECharts (core + bar chart + the components below + canvas renderer) is a lazy chunk of /finances only.
// The eager-imports test (finance-lazy.spec.ts) checks no file of the first load imports ECharts.
import { BarChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent, CanvasRenderer]);

export { echarts };
