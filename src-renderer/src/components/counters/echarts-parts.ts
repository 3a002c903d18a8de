// The parts of ECharts the counters view draws with, registered once. Importing echarts/core and only
// these keeps the rest of the library (maps, 3D, every other chart type) out of the renderer bundle.
import { use } from 'echarts/core'
import { LineChart } from 'echarts/charts'
import { GridComponent, TooltipComponent } from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'

use([LineChart, GridComponent, TooltipComponent, CanvasRenderer])
